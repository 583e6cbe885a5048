import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { createTally, recordFigure } from '../../support/figures.ts'
import { addMember, signIn } from '../../support/accounts.ts'
import { nasty } from '../../support/hostile.ts'

const SITE = 'https://meet.example.com'
let runtime: RunningRuntime
const tally = createTally()
const count = tally.count
const password = 'access-accounts passphrase'

beforeAll(async () => {
  runtime = await startRuntime(useServices(), {
    NODE_ENV: 'production',
    PUBLIC_URL: SITE,
    LIVEKIT_API_SECRET: useServices().livekitSecret,
    TRUST_PROXY_HOPS: '1',
  })
  await addMember(runtime.databaseUrl, 'root@example.com', password, { admin: true })
  await addMember(runtime.databaseUrl, 'member@example.com', password)
})
afterAll(async () => {
  await recordFigure('access-accounts', {
    area: 'Probed from outside',
    probe: 'CSRF',
    scenario:
      "state-changing requests carrying a signed-in member's cookie from another site (Sec-Fetch-Site cross-site or same-site, with and without an Origin): sign-in, sign-out, meetings, sessions, co-hosts, people; members reaching admin endpoints; fast-check sign-in bodies",
    checked: '403 and nothing changed (still signed in, no meeting, no member); 401/403 for non-admins; sign-in bodies never a 5xx',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: `cross-site or non-admin requests let through: ${tally.breaches}`,
  })
  await runtime?.stop()
})

describe("cross-site requests cannot use a member's cookie", () => {
  test("Sec-Fetch-Site cross-site or same-site without the site's Origin: 403 and nothing changes; the site itself is served", async () => {
    const admin = new ApiClient(runtime.url)
    expect((await signIn(admin, 'root@example.com', password)).status).toBe(200)
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/auth/logout', undefined],
      ['POST', '/meetings', { roomName: 'csrf-room' }],
      ['PUT', '/session', { displayName: 'Pwned' }],
      ['POST', '/members', { email: 'csrf@example.com' }],
      ['POST', '/auth/password', { email: 'root@example.com', password }],
      ['PUT', '/meetings/csrf-room/cohosts/u_x', undefined],
      ['POST', '/auth/oidc/start', undefined],
    ]
    for (const site of ['cross-site', 'same-site']) {
      for (const origin of [undefined, 'https://evil.example']) {
        for (const [method, path, body] of writes) {
          const response = await admin.request(method, path, body, { 'sec-fetch-site': site, ...(origin ? { origin } : {}) })
          expect(count(response.status === 403 && response.body.error === 'forbidden'), `${site} ${origin} ${method} ${path}`).toBe(true)
        }
      }
    }
    expect(count((await admin.get('/auth/me')).body.member?.email === 'root@example.com')).toBe(true)
    const [stored] = await query(runtime.databaseUrl, `select (select count(*)::int from meetings) as meetings, (select count(*)::int from members) as members`)
    expect(count(stored.meetings === 0 && stored.members === 2)).toBe(true)
    // The site's own pages (same origin) and clients that send no fetch metadata work as before.
    expect((await admin.request('POST', '/meetings', { roomName: 'own-room' }, { 'sec-fetch-site': 'same-origin', origin: SITE })).status).toBe(201)
    expect((await admin.request('PUT', '/session', { displayName: 'Root' }, { 'sec-fetch-site': 'same-site', origin: SITE })).status).toBe(200)
  })
})

describe('people are managed by admins only', () => {
  test('members get 403, visitors 401; an admin cannot lock themselves out; changes are audited', async () => {
    const member = new ApiClient(runtime.url)
    await signIn(member, 'member@example.com', password)
    const admin = new ApiClient(runtime.url)
    await signIn(admin, 'root@example.com', password)
    const people = (await admin.get('/members')).body.members
    const root = people.find((m: { email: string }) => m.email === 'root@example.com')
    const plain = people.find((m: { email: string }) => m.email === 'member@example.com')
    for (const [who, status] of [
      [member, 403],
      [new ApiClient(runtime.url), 401],
    ] as const) {
      for (const response of [
        await who.get('/members'),
        await who.post('/members', { email: 'x@example.com' }),
        await who.request('PATCH', `/members/${plain.id}`, { role: 'admin' }),
      ]) {
        expect(count(response.status === status)).toBe(true)
      }
    }
    expect(count((await admin.request('PATCH', `/members/${root.id}`, { state: 'disabled' })).status === 409)).toBe(true)
    expect(count((await admin.request('PATCH', `/members/${root.id}`, { role: 'member' })).status === 409)).toBe(true)
    expect(await admin.request('PATCH', `/members/${plain.id}`, {})).toMatchObject({ status: 400 })
    expect(await admin.request('PATCH', `/members/${plain.id}`, { role: 'owner' })).toMatchObject({ status: 400, body: { details: { field: 'role' } } })
    expect((await admin.request('PATCH', `/members/${plain.id}`, { role: 'admin' })).body.member).toMatchObject({ email: 'member@example.com', role: 'admin' })
    expect((await member.get('/members')).status).toBe(200)
    expect((await admin.request('PATCH', `/members/${plain.id}`, { state: 'disabled' })).body.member.state).toBe('disabled')
    expect(count((await member.get('/members')).status === 401)).toBe(true)
    const audit = await query(runtime.databaseUrl, `select action from audit_log where action = 'member.updated'`)
    expect(audit).toHaveLength(2)
  })

  test('an invitation sets the password once and signs the person in', async () => {
    const admin = new ApiClient(runtime.url)
    await signIn(admin, 'root@example.com', password)
    const invited = await admin.post('/members', { email: 'New.Person@Example.com', displayName: 'New Person' })
    expect(invited).toMatchObject({
      status: 201,
      body: {
        member: { email: 'new.person@example.com', role: 'member' },
        invite: { url: expect.stringMatching(/^https:\/\/meet\.example\.com\/invite\/[\w-]{43}$/) },
      },
    })
    expect((await admin.post('/members', { email: 'new.person@example.com' })).status).toBe(409)
    const token = invited.body.invite.url.split('/').pop()
    const person = new ApiClient(runtime.url)
    expect(await person.post('/auth/invite', { token, password: 'short' })).toMatchObject({ status: 400, body: { details: { field: 'password' } } })
    expect((await person.post('/auth/invite', { token, password: 'my own long passphrase' })).body.member).toMatchObject({ email: 'new.person@example.com' })
    expect((await person.get('/auth/me')).body.member.email).toBe('new.person@example.com')
    expect(count((await new ApiClient(runtime.url).post('/auth/invite', { token, password: 'take it over now' })).status === 404)).toBe(true)
    expect((await signIn(new ApiClient(runtime.url), 'new.person@example.com', 'my own long passphrase')).status).toBe(200)
  })
})

describe('hostile sign-in bodies', () => {
  test('any email and password: a 4xx with the error shape, never a 5xx, never a session', async () => {
    let address = 0
    await fc.assert(
      fc.asyncProperty(
        fc.record({ email: fc.oneof(nasty, fc.emailAddress(), fc.jsonValue()), password: fc.oneof(nasty, fc.jsonValue()) }, { requiredKeys: [] }),
        async (body) => {
          const client = new ApiClient(runtime.url)
          const response = await client.request('POST', '/auth/password', body, { 'x-forwarded-for': `198.18.${(++address >> 8) & 255}.${address & 255}` })
          expect(count(response.status >= 400 && response.status < 500 && typeof response.body?.message === 'string' && client.cookie === '')).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)
})
