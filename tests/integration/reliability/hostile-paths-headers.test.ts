import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { ROUTES, nasty, startHostileTarget, type HostileTarget } from '../../support/hostile.ts'

let target: HostileTarget
beforeAll(async () => {
  target = await startHostileTarget(useServices())
})
afterAll(async () => {
  await target?.recordFigure('hostile-paths-headers', {
    scenario:
      'fast-check path segments, queries and headers on every function: traversal, SQL metacharacters, unicode, control characters, broken % escapes, any method; oversized headers',
    checked:
      'never a 5xx; every refusal a JSON { error, message } with a known code and no stack or path; 431 for oversized headers; nothing stored except acknowledged meetings',
    notes: `requests Node's client refused to send (skipped): ${target.unsendable}; meetings acknowledged: ${target.created}`,
  })
  await target?.runtime.stop()
})

/** Nothing changed but the meetings the API acknowledged (POST /meetings/ with an empty segment is one). */
async function expectOnlyAcknowledged(before: Awaited<ReturnType<HostileTarget['counts']>>, createdBefore: number) {
  const created = target.created - createdBefore
  expect(await target.counts()).toEqual({ ...before, meetings: before.meetings + created, audit: before.audit + created })
}

describe('hostile paths, queries and headers', () => {
  test('path segments and queries: traversal, SQL, unicode, control characters, broken escapes', async () => {
    const [before, created] = [await target.counts(), target.created]
    const segment = fc.oneof(
      nasty.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
      fc.constantFrom(
        '%',
        '%E0%A4%A',
        '%ZZ',
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e',
        '..',
        '.',
        '%00',
        "'%20or%201=1--",
        '%C0%AE%C0%AE',
        'a;b',
        'a%0d%0aX:1',
        '%ff%fe',
      ),
      fc.string({ unit: fc.constantFrom(..."abc-.%/;:@!$&'()*+,=~_0123456789".split('')), maxLength: 30 }),
    )
    const templates = [
      '/meetings/{}',
      '/meetings/{}/participants',
      '/meetings/{}/stats',
      '/recordings/{}',
      '/token?roomName={}',
      '/recordings?roomName={}',
      '/token?roomName=fuzz-room&participantName={}',
      '/token?{}',
      '/recordings?{}',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...templates),
        segment,
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        async (template, value, method) => {
          await target.send(method, template.replace('{}', value), { headers: { cookie: target.hostCookie } })
        },
      ),
      { numRuns: 400 },
    )
    expect(target.bad).toEqual([])
    await expectOnlyAcknowledged(before, created)
  }, 120_000)

  test('a broken % escape in the path is a 400 saying so', async () => {
    const response = await target.send('GET', '/meetings/%E0%A4%A/stats')
    expect(response?.status).toBe(400)
    expect(JSON.parse(response!.text)).toEqual({
      error: 'bad_request',
      message: 'The URL path is malformed: a % must start a valid percent-encoded UTF-8 sequence',
    })
  })

  test('headers: any value on any route, oversized ones refused by the server itself', async () => {
    const [before, created] = [await target.counts(), target.created]
    const value = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 200 })
    const name = fc.constantFrom(
      'cookie',
      'x-request-id',
      'x-forwarded-for',
      'content-type',
      'accept',
      'authorization',
      'user-agent',
      'range',
      'if-none-match',
      'accept-encoding',
      'x-http-method-override',
      'forwarded',
      'content-language',
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.dictionary(name, value, { maxKeys: 5 }), async ([method, path], headers) => {
        await target.send(method, path, { headers, ...(method === 'GET' ? {} : { body: '{}' }) })
      }),
      { numRuns: 300 },
    )
    const oversized = {
      'one 20 kB header': { 'x-big': 'a'.repeat(20_000) },
      '300 headers': Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, 'v'.repeat(60)])),
      'a 20 kB cookie': { cookie: `meet_sid=${'a'.repeat(20_000)}` },
    }
    for (const [label, headers] of Object.entries(oversized)) expect((await target.send('GET', '/session', { headers }))?.status, label).toBe(431)
    expect(target.bad).toEqual([])
    await expectOnlyAcknowledged(before, created)
  }, 120_000)

  test('the runtime logged no failure', () => {
    expect(target.failuresLogged()).toEqual([])
  })
})
