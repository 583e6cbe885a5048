import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { TokenVerifier } from 'livekit-server-sdk'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../support/runtime.ts'
import { ApiClient } from '../../support/client.ts'
import { query } from '../../support/db.ts'
import { postWebhook, signWebhook, webhookBody } from '../../support/webhooks.ts'
import { recordFigure } from '../../support/figures.ts'

const ALLOWED = 'https://meet.example.com'
let runtime: RunningRuntime
let host: ApiClient
let guest: ApiClient
let recordingId: string
const tally = { requests: 0, breaches: 0 }
const count = (ok: boolean) => {
  tally.requests++
  if (!ok) tally.breaches++
  return ok
}

beforeAll(async () => {
  runtime = await startRuntime(useServices(), { NODE_ENV: 'production', PUBLIC_URL: ALLOWED, LIVEKIT_API_SECRET: useServices().livekitSecret })
  host = new ApiClient(runtime.url)
  guest = new ApiClient(runtime.url)
  await host.post('/meetings', { roomName: 'access-room' })
  // The guest joined (LiveKit reported it), so it is a member, but not the host.
  const guestIdentity = (await guest.get('/session')).body.identity
  const { livekitKey, livekitSecret } = useServices()
  for (const event of [
    { event: 'participant_joined', id: 'EV_acc_1', createdAt: 1_800_000_000, room: { name: 'access-room' }, participant: { sid: 'PA_acc', identity: guestIdentity, name: 'Guest', joinedAt: '1800000000' } },
    { event: 'egress_started', id: 'EV_acc_2', createdAt: 1_800_000_000, egressInfo: { egressId: 'EG_acc', roomName: 'access-room', status: 'EGRESS_ACTIVE' } },
  ]) {
    const body = webhookBody(event)
    await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
  }
  ;[{ id: recordingId }] = await query(runtime.databaseUrl, 'select id from recordings')
})
afterAll(() => runtime?.stop())

const base64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
/** A JWT made by hand, for the ones no SDK would make: alg none, expired, wrong key. */
function jwt(header: object, claims: object, secret?: string) {
  const unsigned = `${base64url(header)}.${base64url(claims)}`
  return `${unsigned}.${secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : ''}`
}

describe('sessions cannot be forged or fixed', () => {
  test('a cookie the server did not issue is never adopted: each visit gets a fresh random id', async () => {
    const victim = new ApiClient(runtime.url)
    const victimIdentity = (await victim.get('/session')).body.identity
    const forged = fc.oneof(fc.stringMatching(/^[\w-]{43}$/), fc.string({ maxLength: 80 }), fc.constant(victim.cookie.slice('meet_sid='.length).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))))
    await fc.assert(
      fc.asyncProperty(forged, async (id) => {
        const attacker = new ApiClient(runtime.url)
        attacker.cookie = `meet_sid=${encodeURIComponent(id)}`
        const first = await attacker.get('/session')
        const issued = attacker.cookie
        // Presenting the same made-up id again does not work either: it never became a session.
        attacker.cookie = `meet_sid=${encodeURIComponent(id)}`
        const second = await attacker.get('/session')
        expect(count(first.status === 200 && issued !== `meet_sid=${encodeURIComponent(id)}` && first.body.identity !== second.body.identity && first.body.identity !== victimIdentity)).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  test('the cookie is HttpOnly, SameSite=Lax and Secure in production, with 256 random bits', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${runtime.url}/session`)
      const cookie = response.headers.get('set-cookie')!
      expect(cookie).toMatch(/^meet_sid=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
      ids.add(cookie.split(';')[0])
      // The id itself is never in a body, where a script could read it.
      expect(await response.text()).not.toContain(cookie.split(';')[0].slice('meet_sid='.length))
    }
    expect(count(ids.size === 20)).toBe(true)
  })
})

describe('guests cannot reach host actions', () => {
  test('ending, starting and stopping recordings: 403 for guests and strangers, and nothing changes', async () => {
    const stranger = new ApiClient(runtime.url)
    const attempts = [
      (c: ApiClient) => c.post('/meetings/access-room/end'),
      (c: ApiClient) => c.post('/recordings/start', { roomName: 'access-room' }),
      (c: ApiClient) => c.post('/recordings/stop', { recordingId }),
    ]
    for (const who of [guest, stranger]) {
      for (const attempt of attempts) {
        const response = await attempt(who)
        expect(count(response.status === 403 && response.body.error === 'forbidden')).toBe(true)
      }
    }
    for (const path of ['/meetings/access-room/participants', '/meetings/access-room/stats', '/recordings?roomName=access-room', `/recordings/${recordingId}`]) {
      expect(count((await stranger.get(path)).status === 403)).toBe(true)
      expect(count((await guest.get(path)).status === 200)).toBe(true)
    }
    const [state] = await query(runtime.databaseUrl, `select (select ended_at from meetings where room_name = 'access-room') as ended_at, (select status from recordings where id = $1) as status, (select count(*)::int from audit_log where action <> 'meeting.created') as audits`, [recordingId])
    expect(state).toEqual({ ended_at: null, status: 'active', audits: 0 })
    // The guest's LiveKit token carries no admin or recording right either.
    const token = await guest.post('/token', { roomName: 'access-room' })
    const claims = await new TokenVerifier(useServices().livekitKey, useServices().livekitSecret).verify(token.body.participantToken)
    expect(count(claims.video?.roomAdmin === false && claims.video?.roomRecord === false)).toBe(true)
  })
})

describe('CORS refuses unknown origins', () => {
  test('any origin but the site\'s: 403 without CORS headers, preflight included; the site\'s origin is allowed', async () => {
    const origin = fc.oneof(fc.webUrl().map((url) => new URL(url).origin), fc.constantFrom('null', 'https://meet.example.com.evil.com', 'http://meet.example.com', 'https://evil.com#meet.example.com', 'HTTPS://MEET.EXAMPLE.COM'))
    const route = fc.constantFrom(['GET', '/session'], ['POST', '/meetings'], ['POST', '/token'], ['OPTIONS', '/meetings'], ['PUT', '/session'], ['GET', '/health'])
    await fc.assert(
      fc.asyncProperty(origin.filter((o) => o !== ALLOWED), route, async (from, [method, path]) => {
        const response = await fetch(`${runtime.url}${path}`, { method, headers: { origin: from, 'access-control-request-method': 'POST' } })
        const body = await response.json()
        expect(count(response.status === 403 && body.error === 'forbidden' && response.headers.get('access-control-allow-origin') === null)).toBe(true)
      }),
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
        const response = await fetch(`${runtime.url}/webhooks/livekit`, { method: 'POST', headers: { 'content-type': 'application/webhook+json', authorization: authorization.replace(/[^\x20-\x7e]/g, '') || 'x' }, body })
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
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    }
    const requests: Array<[string, string, string?]> = [
      ['GET', '/health'], ['GET', '/session'], ['POST', '/meetings', '{"roomName":"bad name"}'], ['POST', '/meetings', '{'], ['GET', '/meetings/nope-nope'],
      ['GET', '/no/such/route'], ['GET', '/meetings/%E0%A4%A'], ['DELETE', '/session'], ['POST', '/webhooks/livekit', '{}'], ['POST', '/meetings/access-room/end'], ['PUT', '/session', 'x'.repeat(2_000_000)],
    ]
    const statuses = new Set<number>()
    for (const [method, path, body] of requests) {
      const response = await fetch(`${runtime.url}${path}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} })
      statuses.add(response.status)
      expect(count(Object.entries(expected).every(([name, value]) => response.headers.get(name) === value)), `${method} ${path}`).toBe(true)
    }
    expect([...statuses].sort()).toEqual([200, 400, 401, 403, 404, 413])
  })

  test('figures', async () => {
    await recordFigure('access', {
      area: 'Access',
      scenario: 'forged and fixed session ids, guests and strangers on host actions, unknown CORS origins, forged webhook signatures, security headers',
      checked: 'forged ids never adopted; HttpOnly+Secure+SameSite cookie; 403 for non-hosts with nothing changed; 403 without CORS headers; 401 with nothing stored; headers on every answer',
      requests: tally.requests,
      errors: tally.breaches,
      rowsLost: 0,
      notes: `breaches: ${tally.breaches}`,
    })
  })
})
