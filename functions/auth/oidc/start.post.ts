import { defineHandler, getQuery, redirect } from 'h3'
import * as client from 'openid-client'
import type { FunctionMeta } from '#runtime'
import { redirectUri, safeReturnTo, useOidc } from '../../_lib/auth/oidc-client.ts'
import { savePending } from '../../_lib/auth/oidc-pending.ts'
import { assertSignInAvailable } from '../../_lib/auth/redis-required.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

// "Sign in with …": authorization code flow with PKCE, a fresh state and nonce per attempt.
// A POST (the sign-in page's form button), so a cross-site page cannot start one.
export default defineHandler(async (event) => {
  assertSignInAvailable()
  const config = await useOidc()
  const codeVerifier = client.randomPKCECodeVerifier()
  const pending = { codeVerifier, state: client.randomState(), nonce: client.randomNonce(), returnTo: safeReturnTo(getQuery(event).returnTo) }
  await savePending(event, pending)
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  })
  return redirect(url.toString(), 303)
})
