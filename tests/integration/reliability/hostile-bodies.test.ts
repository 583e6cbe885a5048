import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { query } from '../../support/db.ts'
import { BODY_LIMIT, WRITES, nasty, startHostileTarget, type HostileTarget } from '../../support/hostile.ts'

let target: HostileTarget
beforeAll(async () => {
  target = await startHostileTarget(useServices())
})
afterAll(async () => {
  await target?.recordFigure('hostile-bodies', {
    scenario:
      'fast-check bodies on every function that takes one: any JSON, malformed JSON, binary, odd content types, prototype keys, deep nesting, huge payloads with and without a length',
    checked:
      'never a 5xx; every refusal a JSON { error, message } with a known code and no stack or path; 413 over the limit; nothing stored except acknowledged meetings',
    notes: `meetings acknowledged and stored: ${target.created}; refusals without a clean body: ${target.bad.length}`,
  })
  await target?.runtime.stop()
})

const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      roomName: nasty,
      participantName: nasty,
      displayName: nasty,
      recordingId: nasty,
      email: nasty,
      password: nasty,
      token: nasty,
      shared: fc.oneof(fc.boolean(), nasty),
      role: nasty,
      state: nasty,
      text: nasty,
      passcode: nasty,
      decision: nasty,
      source: nasty,
      raised: fc.oneof(fc.boolean(), nasty),
      identity: nasty,
      lobby: fc.oneof(fc.boolean(), nasty),
    },
    { requiredKeys: [] },
  ),
)
const body = fc.oneof(
  anyJson.map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    '{',
    '{"roomName":',
    'null',
    '[]',
    '{"__proto__":{"isHost":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '\ufeff{}',
    '{"roomName":"a","roomName":"fuzz-room"}',
    '['.repeat(2000) + ']'.repeat(2000),
    '{"a":'.repeat(500) + '1' + '}'.repeat(500),
    '1e99999',
    '"\\ud800"',
  ),
)
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/webhook+json',
  'application/json; charset=utf-16',
  '*/*',
  '',
)

describe('hostile bodies', () => {
  test('any body and content type: never a 5xx, always a clear JSON 4xx when refused, only acknowledged meetings stored', async () => {
    const before = await target.counts()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), body, contentType, fc.boolean(), async ([method, path], payload, type, asHost) => {
        const response = await target.send(method, path, {
          body: payload,
          headers: { ...(type ? { 'content-type': type } : {}), ...(asHost ? { cookie: target.hostCookie } : {}) },
        })
        // The host may end its own meeting; reopen it so every run sees the same meeting.
        if (path === '/meetings/fuzz-room/end' && response?.status === 200)
          await query(target.runtime.databaseUrl, `update meetings set ended_at = null where room_name = 'fuzz-room'`)
      }),
      { numRuns: 400 },
    )
    const after = await target.counts()
    expect(target.bad).toEqual([])
    expect(after).toEqual({ ...before, meetings: before.meetings + target.created, audit: after.audit })
    expect(after.audit - before.audit).toBeGreaterThanOrEqual(target.created)
  }, 120_000)

  test('an array where an object belongs is a 400, not a meeting', async () => {
    for (const payload of ['[]', '["team-sync"]', '[{"roomName":"team-sync"}]']) {
      const response = await target.send('POST', '/meetings', { body: payload, headers: { 'content-type': 'application/json' } })
      expect(response?.status, payload).toBe(400)
      expect(JSON.parse(response!.text)).toMatchObject({ error: 'validation_failed', message: 'body: must be a JSON object' })
    }
  })

  test('huge payloads: 413 payload_too_large on every route that takes a body, with or without a length', async () => {
    const before = await target.counts()
    await fc.assert(
      // DELETE takes no body: Node's parser refuses a chunked one with its own 400 before the runtime sees it.
      fc.asyncProperty(
        fc.constantFrom(...WRITES.filter(([method]) => method !== 'DELETE')),
        fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 50 }),
        fc.boolean(),
        async ([method, path], size, chunked) => {
          const payload = JSON.stringify({ roomName: 'x'.repeat(size) })
          const response = await target.send(method, path, {
            body: payload,
            chunked,
            headers: { 'content-type': 'application/json', cookie: target.hostCookie },
          })
          expect(response?.status).toBe(413)
          expect(JSON.parse(response!.text)).toMatchObject({ error: 'payload_too_large' })
        },
      ),
      { numRuns: 60 },
    )
    expect(await target.counts()).toEqual(before)
  }, 120_000)

  test('the runtime logged no failure', () => {
    expect(target.failuresLogged()).toEqual([])
  })
})
