import { afterAll, beforeAll, expect, test, describe } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { createTally, recordFigure } from '../../support/figures.ts'

const ALLOWED = 'https://meet.example.com'
// Production's name: browsers take a __Host- cookie only from this host, over HTTPS, for Path=/.
const COOKIE = '__Host-meet_sid'
let runtime: RunningRuntime
const tally = createTally()
const count = tally.count

beforeAll(async () => {
  runtime = await startRuntime(useServices(), { NODE_ENV: 'production', PUBLIC_URL: ALLOWED, LIVEKIT_API_SECRET: useServices().livekitSecret })
})
afterAll(async () => {
  await recordFigure('access-sessions', {
    area: 'Access',
    scenario: "fast-check forged session cookies (well-formed random ids, junk, a victim's id with one character changed), presented twice",
    checked: 'a cookie the server did not issue is never adopted; cookies HttpOnly, Secure, SameSite=Lax, 256 random bits, never in a body',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: `forged ids adopted: ${tally.breaches}`,
  })
  await runtime?.stop()
})

describe('sessions cannot be forged or fixed', () => {
  test('a cookie the server did not issue is never adopted: each visit gets a fresh random id', async () => {
    const victim = new ApiClient(runtime.url)
    const victimIdentity = (await victim.put('/session', { displayName: 'Victim' })).body.identity
    const forged = fc.oneof(
      fc.stringMatching(/^[\w-]{43}$/),
      fc.string({ maxLength: 80 }),
      fc.constant(victim.cookie.slice(`${COOKIE}=`.length).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))),
    )
    await fc.assert(
      fc.asyncProperty(forged, async (id) => {
        const attacker = new ApiClient(runtime.url)
        attacker.cookie = `${COOKIE}=${encodeURIComponent(id)}`
        const first = await attacker.put('/session', { displayName: 'Mallory' })
        const issued = attacker.cookie
        // Presenting the same made-up id again does not work either: it never became a session.
        attacker.cookie = `${COOKIE}=${encodeURIComponent(id)}`
        const second = await attacker.put('/session', { displayName: 'Mallory' })
        expect(
          count(
            first.status === 200 &&
              issued !== `${COOKIE}=${encodeURIComponent(id)}` &&
              first.body.identity !== second.body.identity &&
              first.body.identity !== victimIdentity,
            2,
          ),
        ).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  test('the cookie is __Host- prefixed, HttpOnly, SameSite=Lax and Secure in production, with 256 random bits', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${runtime.url}/session`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"displayName":"Ada"}' })
      const cookie = response.headers.get('set-cookie')!
      expect(cookie).toMatch(/^__Host-meet_sid=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
      ids.add(cookie.split(';')[0])
      // The id itself is never in a body, where a script could read it.
      expect(await response.text()).not.toContain(cookie.split(';')[0].slice(`${COOKIE}=`.length))
    }
    expect(count(ids.size === 20, 20)).toBe(true)
  })
})
