import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { query } from '../../support/db.ts'
import { startFakeIdp, type FakeIdp } from '../../support/fake-idp.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { addMember, signIn } from '../../support/accounts.ts'

// The runtime against a provider that signs whatever the test asks: each way an ID token or a
// callback can be wrong must end on the sign-in page with a reason, and with no session.
const SITE = 'http://localhost:3000'
const CLIENT_SECRET = 'fake-idp-client-secret-never-logged'
let idp: FakeIdp
let runtime: RunningRuntime

beforeAll(async () => {
  idp = await startFakeIdp({ clientId: 'meet' })
  runtime = await startRuntime(useServices(), {
    ACCESS_MODE: 'members',
    PUBLIC_URL: SITE,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: 'meet',
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_PROVIDER_NAME: 'Fake',
    OIDC_ALLOWED_DOMAINS: 'example.com',
    OIDC_ADMIN_EMAILS: 'boss@example.com',
    LOG_LEVEL: 'debug',
  })
})
afterAll(async () => {
  await runtime?.stop()
  await idp?.stop()
})

const cookiesOf = (response: Response) => Object.fromEntries(response.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]))

/** POST /auth/oidc/start as the sign-in page's button does; what the provider is sent. */
async function start(returnTo = '/') {
  const response = await fetch(`${runtime.url}/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, { method: 'POST', redirect: 'manual' })
  expect(response.status).toBe(303)
  const authorize = new URL(response.headers.get('location')!)
  return { authorize, pending: cookiesOf(response).meet_oidc }
}

async function callback(params: Record<string, string>, pending?: string) {
  const response = await fetch(`${runtime.url}/auth/oidc/callback?${new URLSearchParams(params)}`, {
    redirect: 'manual',
    headers: pending ? { cookie: `meet_oidc=${pending}` } : {},
  })
  return { status: response.status, location: response.headers.get('location'), cookies: cookiesOf(response) }
}

const members = async () => await query(runtime.databaseUrl, 'select email, role, oidc_subject from members order by email')

describe('single sign-on against a provider that signs anything', () => {
  test('the authorization request carries PKCE (S256), a state and a nonce, and the registered redirect URI', async () => {
    const { authorize, pending } = await start('/rooms/abc-defg-hij')
    expect(authorize.origin + authorize.pathname).toBe(`${idp.issuer}/authorize`)
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'meet',
      redirect_uri: `${SITE}/api/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{20,}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
    })
    expect(pending).toMatch(/^[\w-]{43}$/)
  })

  test('a good ID token signs in, creates the member, and goes back where the person came from', async () => {
    const { authorize, pending } = await start('/rooms/abc-defg-hij')
    const nonce = authorize.searchParams.get('nonce')!
    idp.nextClaims = (d) => ({ ...d, sub: 'boss-1', email: 'Boss@Example.com', nonce })
    const done = await callback({ code: 'good-code', state: authorize.searchParams.get('state')! }, pending)
    expect(done).toMatchObject({ status: 303, location: `${SITE}/rooms/abc-defg-hij` })
    expect(done.cookies.meet_sid).toMatch(/^[\w-]{43}$/)
    expect(done.cookies.meet_oidc).toBe('')
    // The code was exchanged with the verifier whose challenge went out.
    expect(idp.tokenRequests.at(-1)!.get('code_verifier')).toMatch(/^[\w-]{43,}$/)
    const me = await (await fetch(`${runtime.url}/auth/me`, { headers: { cookie: `meet_sid=${done.cookies.meet_sid}` } })).json()
    expect(me.member).toMatchObject({ email: 'boss@example.com', role: 'admin', displayName: 'Ada' })
    expect(await members()).toEqual([{ email: 'boss@example.com', role: 'admin', oidc_subject: 'boss-1' }])
  })

  const refusals: Array<[string, (nonce: string) => Record<string, unknown> | undefined, string, { state?: string; stranger?: boolean }?]> = [
    ['a wrong state', () => undefined, 'oidc_refused', { state: 'not-the-state-that-was-sent' }],
    ['a wrong nonce', () => ({ nonce: 'someone-elses-nonce' }), 'oidc_refused'],
    ['no nonce', () => ({ nonce: undefined }), 'oidc_refused'],
    ['an expired ID token', (nonce) => ({ nonce, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }), 'oidc_refused'],
    ['a foreign issuer', (nonce) => ({ nonce, iss: 'https://evil.example' }), 'oidc_refused'],
    ['another audience', (nonce) => ({ nonce, aud: 'another-client' }), 'oidc_refused'],
    ['a signature by another key', (nonce) => ({ nonce }), 'oidc_refused', { stranger: true }],
    ['a disallowed email domain', (nonce) => ({ nonce, sub: 'mallory', email: 'mallory@evil.example' }), 'oidc_not_allowed'],
    ['an unverified email', (nonce) => ({ nonce, sub: 'eve', email: 'eve@example.com', email_verified: false }), 'oidc_not_allowed'],
  ]
  test.each(refusals)('%s: back to the sign-in page with a reason, no session, no member', async (_, claims, error, options = {}) => {
    const before = await members()
    const { authorize, pending } = await start()
    const nonce = authorize.searchParams.get('nonce')!
    const change = claims(nonce)
    idp.nextClaims = (d) => ({ ...d, ...(change ?? { nonce }) })
    idp.signWithStrangerKey = options.stranger ?? false
    const done = await callback({ code: 'some-code', state: options.state ?? authorize.searchParams.get('state')! }, pending)
    idp.signWithStrangerKey = false
    expect(done).toMatchObject({ status: 303, location: `${SITE}/sign-in?error=${error}` })
    expect(done.cookies.meet_sid).toBeUndefined()
    expect(await members()).toEqual(before)
    // The attempt is used up: the same callback again finds no sign-in in progress.
    expect((await callback({ code: 'some-code', state: authorize.searchParams.get('state')! }, pending)).location).toBe(`${SITE}/sign-in?error=oidc_expired`)
  })

  test('a callback without a sign-in started in this browser (login CSRF) is refused', async () => {
    const { authorize } = await start()
    idp.nextClaims = (d) => ({ ...d, nonce: authorize.searchParams.get('nonce') })
    const done = await callback({ code: 'attackers-code', state: authorize.searchParams.get('state')! })
    expect(done).toMatchObject({ status: 303, location: `${SITE}/sign-in?error=oidc_expired` })
    expect(done.cookies.meet_sid).toBeUndefined()
  })

  test("after both sign-in flows, the runtime's logs hold no password, hash, client secret, session id, code or sign-in handle", async () => {
    const password = 'a password that must never be logged'
    await addMember(runtime.databaseUrl, 'pw@example.com', password)
    const [{ password_hash: hash }] = await query(runtime.databaseUrl, `select password_hash from members where email = 'pw@example.com'`)
    const client = new ApiClient(runtime.url)
    await signIn(client, 'pw@example.com', `${password}!`)
    await signIn(client, 'nobody@example.com', password)
    expect((await signIn(client, 'pw@example.com', password)).status).toBe(200)
    const passwordSession = client.cookie.split('=')[1]
    await client.post('/meetings', { roomName: 'logged-room' })
    await client.post('/token', { roomName: 'logged-room' })
    await client.post('/auth/logout')

    const { authorize, pending } = await start()
    idp.nextClaims = (d) => ({ ...d, sub: 'logs-1', email: 'logs@example.com', nonce: authorize.searchParams.get('nonce') })
    const done = await callback({ code: 'code-that-must-not-be-logged', state: authorize.searchParams.get('state')! }, pending)
    await fetch(`${runtime.url}/auth/logout`, { method: 'POST', headers: { cookie: `meet_sid=${done.cookies.meet_sid}` } })
    const output = runtime.output()
    expect(output).toContain('Single sign-on refused')
    expect(output).toContain('POST /auth/password 401')
    for (const secret of [
      password,
      hash,
      hash.split('$')[5],
      passwordSession,
      CLIENT_SECRET,
      done.cookies.meet_sid,
      pending,
      'code-that-must-not-be-logged',
      authorize.searchParams.get('state')!,
      authorize.searchParams.get('nonce')!,
    ]) {
      expect(output).not.toContain(secret)
    }
  })
})
