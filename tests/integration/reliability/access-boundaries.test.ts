import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { query } from '../../support/db.ts'
import { webhookBody } from '../../../native/webhooks.ts'
import { createTally, recordFigure } from '../../support/figures.ts'

const ALLOWED = 'https://meet.example.com'
let runtime: RunningRuntime
const tally = createTally()
const count = tally.count

beforeAll(async () => {
  // The open access mode, so a visitor without an account can create the meeting these checks need.
  runtime = await startRuntime(useServices(), {
    NODE_ENV: 'production',
    ACCESS_MODE: 'open',
    PUBLIC_URL: ALLOWED,
    LIVEKIT_API_SECRET: useServices().livekitSecret,
  })
  // A meeting of someone else's, for the host-only answer (403) among the headers checked.
  await fetch(`${runtime.url}/meetings`, {
    method: 'POST',
    headers: { origin: ALLOWED, 'content-type': 'application/json' },
    body: '{"roomName":"access-room"}',
  })
})
afterAll(async () => {
  await recordFigure('access-boundaries', {
    area: 'Access',
    scenario:
      'fast-check unknown CORS origins (preflight included) and forged webhook signatures (junk, alg none, expired, wrong key or issuer, another body); security headers on every kind of answer',
    checked:
      '403 without CORS headers and nothing created; 401 with nothing stored; nosniff, DENY, no-referrer, CSP and HSTS on 200, 400, 401, 403, 404 and 413 answers',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: `origins or signatures let through, answers without headers: ${tally.breaches}`,
  })
  await runtime?.stop()
})

const base64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
/** A JWT made by hand, for the ones no SDK would make: alg none, expired, wrong key. */
function jwt(header: object, claims: object, secret?: string) {
  const unsigned = `${base64url(header)}.${base64url(claims)}`
  return `${unsigned}.${secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : ''}`
}

describe('CORS refuses unknown origins', () => {
  test("any origin but the site's: 403 without CORS headers, preflight included; the site's origin is allowed", async () => {
    const origin = fc.oneof(
      fc.webUrl().map((url) => new URL(url).origin),
      fc.constantFrom('null', 'https://meet.example.com.evil.com', 'http://meet.example.com', 'https://evil.com#meet.example.com', 'HTTPS://MEET.EXAMPLE.COM'),
    )
    const route = fc.constantFrom(
      ['GET', '/session'],
      ['POST', '/meetings'],
      ['POST', '/token'],
      ['OPTIONS', '/meetings'],
      ['PUT', '/session'],
      ['GET', '/health'],
    )
    await fc.assert(
      fc.asyncProperty(
        origin.filter((o) => o !== ALLOWED),
        route,
        async (from, [method, path]) => {
          const response = await fetch(`${runtime.url}${path}`, { method, headers: { origin: from, 'access-control-request-method': 'POST' } })
          const body = await response.json()
          expect(count(response.status === 403 && body.error === 'forbidden' && response.headers.get('access-control-allow-origin') === null)).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
    const allowed = await fetch(`${runtime.url}/meetings`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED)
    const [{ n }] = await query(runtime.databaseUrl, 'select count(*)::int as n from meetings')
    expect(n).toBe(1)
  })
})

describe('webhooks need a valid signature', () => {
  test('missing, malformed, alg none, expired, wrong-key or other-body signatures: 401 and nothing stored', async () => {
    const { livekitKey, livekitSecret } = useServices()
    const [before] = await query(runtime.databaseUrl, 'select count(*)::int as n from analytics')
    const now = Math.floor(Date.now() / 1000)
    const body = webhookBody({ event: 'room_started', id: 'EV_forged', createdAt: 1_800_000_000, room: { name: 'access-room' } })
    const sha256 = createHash('sha256').update(body).digest('base64')
    const forgeries = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        jwt({ alg: 'none', typ: 'JWT' }, { iss: livekitKey, sha256, exp: now + 600 }),
        jwt({ alg: 'HS256', typ: 'JWT' }, { iss: livekitKey, sha256, nbf: now - 7200, exp: now - 3600 }, livekitSecret),
        jwt({ alg: 'HS256', typ: 'JWT' }, { iss: livekitKey, sha256, exp: now + 600 }, 'a-different-secret-a-different-secret'),
        jwt({ alg: 'HS256', typ: 'JWT' }, { iss: 'someone-else', sha256, exp: now + 600 }, livekitSecret),
        jwt({ alg: 'HS256', typ: 'JWT' }, { iss: livekitKey, sha256: createHash('sha256').update('other').digest('base64'), exp: now + 600 }, livekitSecret),
        jwt({ alg: 'HS512', typ: 'JWT' }, { iss: livekitKey, sha256, exp: now + 600 }, livekitSecret),
        `Bearer ${jwt({ alg: 'none' }, { iss: livekitKey, sha256 })}`,
      ),
      fc.tuple(fc.string(), fc.string(), fc.string()).map(([a, b, c]) => `${base64url(a)}.${base64url(b)}.${base64url(c)}`),
    )
    await fc.assert(
      fc.asyncProperty(forgeries, async (authorization) => {
        const response = await fetch(`${runtime.url}/webhooks/livekit`, {
          method: 'POST',
          headers: { 'content-type': 'application/webhook+json', authorization: authorization.replace(/[^\x20-\x7e]/g, '') || 'x' },
          body,
        })
        expect(count(response.status === 401 && (await response.json()).error === 'unauthorized')).toBe(true)
      }),
      { numRuns: 120 },
    )
    expect(await query(runtime.databaseUrl, 'select count(*)::int as n from analytics')).toEqual([before])
  })
})

describe('security headers', () => {
  test('every answer carries them, errors included', async () => {
    const expected = {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    }
    const requests: Array<[string, string, string?]> = [
      ['GET', '/health'],
      ['GET', '/session'],
      ['POST', '/meetings', '{"roomName":"bad name"}'],
      ['POST', '/meetings', '{'],
      ['GET', '/meetings/nope-nope'],
      ['GET', '/no/such/route'],
      ['GET', '/meetings/%E0%A4%A'],
      ['DELETE', '/session'],
      ['POST', '/webhooks/livekit', '{}'],
      ['POST', '/meetings/access-room/end'],
      ['PUT', '/session', 'x'.repeat(2_000_000)],
    ]
    const statuses = new Set<number>()
    for (const [method, path, body] of requests) {
      const response = await fetch(`${runtime.url}${path}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} })
      statuses.add(response.status)
      expect(count(Object.entries(expected).every(([name, value]) => response.headers.get(name) === value)), `${method} ${path}`).toBe(true)
    }
    expect([...statuses].sort()).toEqual([200, 400, 401, 403, 404, 405, 413])
  })
})
