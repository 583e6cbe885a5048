import { describe, expect, test } from 'vitest'
import type { IDToken } from 'openid-client'
import { applyPolicy } from '../../../functions/_lib/auth/oidc-policy.ts'
import { loadConfig } from '../../../runtime/config/load.ts'

const base = { LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's', LIVEKIT_URL: 'http://x', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_BUCKET: 'bucket' }
const config = (env: Record<string, string> = {}) => loadConfig({ ...base, ...env })
const claims = (extra: Record<string, unknown>) => ({ iss: 'https://idp', sub: 's', aud: 'meet', iat: 0, exp: 1, ...extra }) as IDToken

describe('who may sign in through the provider', () => {
  test('email needed, verified unless the provider says nothing; domains and groups as configured', () => {
    const open = config()
    expect(applyPolicy(claims({}), open)).toEqual({ refused: 'no_email' })
    expect(applyPolicy(claims({ email: 'a@x.org', email_verified: false }), open)).toEqual({ refused: 'email_unverified' })
    expect(applyPolicy(claims({ email: 'Ada@X.org' }), open)).toEqual({ email: 'ada@x.org', name: 'ada', admin: false })

    const strict = config({
      OIDC_ALLOWED_DOMAINS: 'example.com',
      OIDC_ALLOWED_GROUPS: 'meet-users',
      OIDC_ADMIN_GROUPS: 'meet-admins',
      OIDC_ADMIN_EMAILS: 'boss@example.com',
    })
    expect(applyPolicy(claims({ email: 'a@evil.com', groups: ['meet-users'] }), strict)).toEqual({ refused: 'domain' })
    expect(applyPolicy(claims({ email: 'a@example.com.evil.com', groups: ['meet-users'] }), strict)).toEqual({ refused: 'domain' })
    expect(applyPolicy(claims({ email: 'a@example.com', groups: ['others'] }), strict)).toEqual({ refused: 'group' })
    expect(applyPolicy(claims({ email: 'a@example.com', groups: 'meet-users', name: 'Ada L' }), strict)).toEqual({
      email: 'a@example.com',
      name: 'Ada L',
      admin: false,
    })
    expect(applyPolicy(claims({ email: 'b@example.com', groups: ['meet-users', 'meet-admins'] }), strict)).toMatchObject({ admin: true })
    expect(applyPolicy(claims({ email: 'BOSS@example.com', groups: ['meet-users'] }), strict)).toMatchObject({ admin: true })
  })

  test('ACCESS_MODE follows NODE_ENV and LOBBY_DEFAULT follows ACCESS_MODE unless set; the three OIDC settings go together', () => {
    expect(config().ACCESS_MODE).toBe('open')
    expect(config({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', LIVEKIT_API_SECRET: 'x'.repeat(32) }).ACCESS_MODE).toBe('members')
    expect(config({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', LIVEKIT_API_SECRET: 'x'.repeat(32), ACCESS_MODE: 'open' }).ACCESS_MODE).toBe('open')
    expect(() => config({ ACCESS_MODE: 'everyone' })).toThrow(/ACCESS_MODE/)
    // The lobby starts on where members sign in, unless the operator says otherwise.
    expect(config().LOBBY_DEFAULT).toBe(false)
    expect(config({ ACCESS_MODE: 'members' }).LOBBY_DEFAULT).toBe(true)
    expect(config({ ACCESS_MODE: 'members', LOBBY_DEFAULT: 'false' }).LOBBY_DEFAULT).toBe(false)
    expect(config({ LOBBY_DEFAULT: 'true' }).LOBBY_DEFAULT).toBe(true)
    expect(() => config({ LOBBY_DEFAULT: 'sometimes' })).toThrow(/LOBBY_DEFAULT.*must be true or false/)
    expect(() => config({ OIDC_ISSUER: 'https://idp' })).toThrow(/OIDC_CLIENT_ID.*\n?.*OIDC_CLIENT_SECRET|OIDC_CLIENT_SECRET/s)
  })
})
