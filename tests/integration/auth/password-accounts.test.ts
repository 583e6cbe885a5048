import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { addMember, signIn, usersCli } from '../../support/accounts.ts'

let runtime: RunningRuntime
const password = 'correct horse battery staple'

beforeAll(async () => {
  // Each sign-in below names its own client address, so per-address limits stay out of the way
  // except where a test is about them.
  runtime = await startRuntime(useServices(), { ACCESS_MODE: 'members', TRUST_PROXY_HOPS: '1' })
})
afterAll(async () => {
  await runtime?.stop()
})

describe('password accounts from the command line', () => {
  test('add prints a generated password once; list shows the account; duplicates are refused whatever the case', async () => {
    const added = await usersCli(runtime.databaseUrl, ['add', 'Ada@Example.com', '--admin', '--name', 'Ada Lovelace'])
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/^Created ada@example\.com \(admin, active\)\nPassword \(shown once\): [\w-]{24}\n$/)
    const generated = added.stdout.match(/Password \(shown once\): (\S+)/)![1]
    const [row] = await query(runtime.databaseUrl, 'select password_hash from members where email = $1', ['ada@example.com'])
    // scrypt with its parameters and a salt of its own, never the password itself.
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(row.password_hash).not.toContain(generated)

    const listed = await usersCli(runtime.databaseUrl, ['list'])
    expect(listed.stdout).toBe('ada@example.com\tadmin\tactive\tpassword\tAda Lovelace\n')
    const again = await usersCli(runtime.databaseUrl, ['add', 'ADA@example.COM'])
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') })
    expect(await usersCli(runtime.databaseUrl, ['add', 'not-an-email'])).toMatchObject({ code: 2 })
    expect(await usersCli(runtime.databaseUrl, ['disable', 'nobody@example.com'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no member') })

    const ada = new ApiClient(runtime.url)
    expect(await signIn(ada, 'ADA@example.com', generated)).toMatchObject({
      status: 200,
      body: { member: { email: 'ada@example.com', role: 'admin', displayName: 'Ada Lovelace' } },
    })
  })

  test('sign in, wrong password, disabled (an existing session stops at its next request), enabled, reset', async () => {
    await addMember(runtime.databaseUrl, 'grace@example.com', password)
    const grace = new ApiClient(runtime.url)
    const wrong = await signIn(grace, 'grace@example.com', 'not the password')
    expect(wrong).toMatchObject({ status: 401, body: { error: 'unauthorized', message: 'Email or password is incorrect' } })
    expect(grace.cookie).toBe('')

    expect((await signIn(grace, 'grace@example.com', password)).status).toBe(200)
    expect((await grace.get('/auth/me')).body.member).toMatchObject({ email: 'grace@example.com', role: 'member' })
    expect((await grace.post('/meetings', { roomName: 'graces-room' })).status).toBe(201)

    expect((await usersCli(runtime.databaseUrl, ['disable', 'grace@example.com'])).stdout).toBe('Disabled grace@example.com (member, disabled)\n')
    expect((await grace.get('/auth/me')).body.member).toBeNull()
    expect(await grace.post('/meetings', { roomName: 'graces-second' })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized', message: 'Sign in to start a meeting' },
    })
    // With the right password, a disabled member is told so; nobody else learns it.
    expect(await signIn(new ApiClient(runtime.url), 'grace@example.com', password)).toMatchObject({ status: 403, body: { error: 'forbidden' } })

    await usersCli(runtime.databaseUrl, ['enable', 'grace@example.com'])
    // Enabling does not bring old sessions back: the member signs in again.
    expect((await grace.get('/auth/me')).body.member).toBeNull()
    const reset = await usersCli(runtime.databaseUrl, ['reset-password', 'grace@example.com', '--password-stdin'], 'a brand new passphrase\n')
    expect(reset).toMatchObject({ code: 0, stdout: 'New password set for grace@example.com\n' })
    expect((await signIn(new ApiClient(runtime.url), 'grace@example.com', password)).status).toBe(401)
    expect((await signIn(new ApiClient(runtime.url), 'grace@example.com', 'a brand new passphrase')).status).toBe(200)
    expect(await usersCli(runtime.databaseUrl, ['reset-password', 'grace@example.com', '--password-stdin'], 'short\n')).toMatchObject({ code: 2 })
  })

  test('signing in issues a new session id and deletes the old one; signing out deletes the session on the server', async () => {
    await addMember(runtime.databaseUrl, 'linus@example.com', password)
    const linus = new ApiClient(runtime.url)
    await linus.put('/session', { displayName: 'Linus' })
    const before = linus.cookie
    const guestIdentity = (await linus.get('/session')).body.identity
    expect((await signIn(linus, 'linus@example.com', password)).status).toBe(200)
    expect(linus.cookie).not.toBe(before)
    // A new identity too: nothing the pre-sign-in session was granted carries over to the account.
    expect((await linus.get('/session')).body.identity).not.toBe(guestIdentity)
    expect(linus.cookie).toMatch(/^meet_sid=[\w-]{43}$/)
    // The display name chosen before signing in is kept.
    expect((await linus.get('/session')).body).toMatchObject({ displayName: 'Linus', member: { email: 'linus@example.com' } })

    // Whoever had the pre-sign-in id (fixed by an attacker, say) is nobody now.
    const fixed = new ApiClient(runtime.url)
    fixed.cookie = before
    expect((await fixed.get('/auth/me')).body.member).toBeNull()

    const copied = new ApiClient(runtime.url)
    copied.cookie = linus.cookie
    expect((await linus.post('/auth/logout')).status).toBe(200)
    expect(linus.cookie).toBe('meet_sid=')
    expect((await copied.get('/auth/me')).body.member).toBeNull()
    expect((await copied.post('/meetings', { roomName: 'copied-cookie' })).status).toBe(401)
  })

  test('no response to a sign-in attempt tells an unknown email from a wrong password', async () => {
    const known = ['known0@example.com', 'known1@example.com', 'known2@example.com']
    for (const email of known) await addMember(runtime.databaseUrl, email, password)
    let run = 0
    const shape = (r: { status: number; body: unknown; headers: Headers }) => ({
      status: r.status,
      body: r.body,
      headers: [...r.headers.keys()].filter((name) => !['date', 'x-request-id', 'ratelimit-remaining'].includes(name)).sort(),
      setCookie: r.headers.get('set-cookie'),
    })
    await fc.assert(
      fc.asyncProperty(fc.emailAddress(), fc.string({ minLength: 1, maxLength: 40 }), async (email, guess) => {
        fc.pre(!email.toLowerCase().startsWith('known') && guess !== password)
        // Each pair from an address of its own; each known account stays under its free tries.
        const address = { 'x-forwarded-for': `198.51.100.${++run}` }
        const [unknown, wrong] = await Promise.all([
          new ApiClient(runtime.url).request('POST', '/auth/password', { email, password: guess }, address),
          new ApiClient(runtime.url).request('POST', '/auth/password', { email: known[run % 3], password: guess }, address),
        ])
        expect(shape(unknown)).toEqual(shape(wrong))
        expect(unknown.status).toBe(401)
      }),
      { numRuns: 12 },
    )
  })

  test('repeated failures make an account wait, known or not, and the right password does not skip the wait', async () => {
    await addMember(runtime.databaseUrl, 'target@example.com', password)
    for (const email of ['target@example.com', 'ghost@example.com']) {
      for (let i = 0; i < 5; i++) {
        const address = { 'x-forwarded-for': `203.0.113.${i + 1}` }
        expect((await new ApiClient(runtime.url).request('POST', '/auth/password', { email, password: 'wrong guess' }, address)).status).toBe(401)
      }
      const locked = await new ApiClient(runtime.url).request('POST', '/auth/password', { email, password }, { 'x-forwarded-for': '203.0.113.99' })
      expect(locked).toMatchObject({
        status: 429,
        body: { error: 'rate_limited', message: expect.stringMatching(/^Too many sign-in attempts; try again in \d+ s$/) },
      })
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }
    // One address trying many accounts is slowed down too.
    const address = { 'x-forwarded-for': '192.0.2.7' }
    const statuses = []
    for (let i = 0; i < 21; i++)
      statuses.push((await new ApiClient(runtime.url).request('POST', '/auth/password', { email: `spray${i}@example.com`, password: 'guess' }, address)).status)
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses[20]).toBe(429)
  })

  test('bad bodies are 400 naming the field, and store nothing', async () => {
    const client = new ApiClient(runtime.url)
    expect(await client.post('/auth/password', { email: 'a@b.c' })).toMatchObject({ status: 400, body: { details: { field: 'password' } } })
    expect(await client.post('/auth/password', { email: 42, password: 'x' })).toMatchObject({ status: 400, body: { details: { field: 'email' } } })
    expect(await client.post('/auth/password', { email: 'a@b.c', password: 'x'.repeat(513) })).toMatchObject({
      status: 400,
      body: { details: { field: 'password' } },
    })
    expect(client.cookie).toBe('')
  })
})
