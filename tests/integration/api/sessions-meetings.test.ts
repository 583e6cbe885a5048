import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'

let runtime: RunningRuntime
beforeAll(async () => {
  runtime = await startRuntime(useServices())
})
afterAll(() => runtime?.stop())

describe('sessions', () => {
  test('reading writes no session; the first write gets an HttpOnly, SameSite cookie and one identity', async () => {
    const visitor = new ApiClient(runtime.url)
    const read = await visitor.get('/session')
    expect(read).toMatchObject({ status: 200, body: { identity: null, displayName: null, member: null } })
    expect(read.headers.get('set-cookie')).toBeNull()
    const first = await visitor.put('/session', { displayName: '  Ada Lovelace ' })
    expect(first.headers.get('set-cookie')).toMatch(/^meet_sid=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/)
    expect(first.body).toEqual({ identity: expect.stringMatching(/^u_/), displayName: 'Ada Lovelace' })
    const second = await visitor.put('/session', { displayName: 'Ada' })
    expect(second.body).toEqual({ identity: first.body.identity, displayName: 'Ada' })
    expect((await visitor.get('/session')).body).toEqual({ identity: first.body.identity, displayName: 'Ada', member: null })
  })

  test('a made-up or stolen-looking session id is never adopted: a fresh one is issued', async () => {
    const attacker = new ApiClient(runtime.url)
    attacker.cookie = 'meet_sid=' + 'A'.repeat(43)
    expect((await attacker.get('/session')).body.identity).toBeNull()
    const response = await attacker.put('/session', { displayName: 'Mallory' })
    expect(attacker.cookie).not.toBe('meet_sid=' + 'A'.repeat(43))
    expect(response.headers.get('set-cookie')).toMatch(/^meet_sid=/)
  })

  test('display names: control characters, empty or too long are refused naming the field', async () => {
    const visitor = new ApiClient(runtime.url)
    for (const displayName of ['', 'a\u0000b', 'x'.repeat(65), 42, 'line\nbreak']) {
      const response = await visitor.put('/session', { displayName })
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ error: 'validation_failed', details: { field: 'displayName' } })
    }
  })
})

describe('meetings', () => {
  test('the creator is host, others are guests; names are normalised; duplicates are refused', async () => {
    const host = new ApiClient(runtime.url)
    const guest = new ApiClient(runtime.url)
    const created = await host.post('/meetings', { roomName: 'Weekly-Sync' })
    expect(created.status).toBe(201)
    expect(created.body.meeting).toMatchObject({ roomName: 'weekly-sync', isHost: true, endedAt: null })
    expect((await guest.get('/meetings/weekly-sync')).body.meeting.isHost).toBe(false)
    const again = await guest.post('/meetings', { roomName: 'weekly-sync' })
    expect(again.status).toBe(409)
    expect(again.body.error).toBe('conflict')
  })

  test('without a name one is generated', async () => {
    const response = await new ApiClient(runtime.url).post('/meetings')
    expect(response.status).toBe(201)
    expect(response.body.meeting.roomName).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/)
  })

  test('unknown meetings are 404; the list shows only meetings the visitor hosts or joined', async () => {
    const visitor = new ApiClient(runtime.url)
    expect((await visitor.get('/meetings/does-not-exist')).status).toBe(404)
    await visitor.post('/meetings', { roomName: 'mine-only' })
    const stranger = new ApiClient(runtime.url)
    expect((await visitor.get('/meetings')).body.meetings.map((m: { roomName: string }) => m.roomName)).toContain('mine-only')
    expect((await stranger.get('/meetings')).body.meetings).toEqual([])
  })

  test('only the host can end a meeting; an ended meeting refuses tokens', async () => {
    const host = new ApiClient(runtime.url)
    const guest = new ApiClient(runtime.url)
    await host.post('/meetings', { roomName: 'to-be-ended' })
    const refused = await guest.post('/meetings/to-be-ended/end')
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({ error: 'forbidden', message: "Only the meeting's hosts can end the meeting" })
    const ended = await host.post('/meetings/to-be-ended/end')
    expect(ended.status).toBe(200)
    expect(ended.body.meeting.endedAt).not.toBeNull()
    const token = await guest.post('/token', { roomName: 'to-be-ended' })
    expect(token.status).toBe(409)
    expect(token.body.message).toBe('Meeting "to-be-ended" has ended')
  })

  test('any invalid room name is a 400 naming roomName, and nothing is stored', async () => {
    const visitor = new ApiClient(runtime.url)
    const before = await query(runtime.databaseUrl, 'select count(*)::int as n from meetings')
    const hostile = fc.oneof(
      fc.constantFrom(
        '../../etc/passwd',
        "x'; drop table meetings; --",
        'a/b/c',
        '..',
        'ab',
        '-abc',
        'abc-',
        'a b c',
        'ünïcödé',
        '%2e%2e',
        'x'.repeat(65),
        '\u0000abc',
        'abc\r\nset-cookie: x',
      ),
      fc
        .string({ minLength: 0, maxLength: 80 })
        .filter((s) => !/^\s*[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\s*$/.test(s) || s.trim().length < 3 || s.trim().length > 64),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object()),
    )
    await fc.assert(
      fc.asyncProperty(hostile, async (roomName) => {
        const response = await visitor.post('/meetings', { roomName })
        expect(response.status).toBe(400)
        expect(response.body).toMatchObject({ error: 'validation_failed', details: { field: 'roomName' } })
      }),
      { numRuns: 150 },
    )
    expect(await query(runtime.databaseUrl, 'select count(*)::int as n from meetings')).toEqual(before)
  })
})
