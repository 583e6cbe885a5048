import { defineHandler, redirect } from 'h3'
import * as client from 'openid-client'
import { members, startMemberSession, useConfig, useDb, useLogger, type FunctionMeta, type Member } from '#runtime'
import { redirectUri, useOidc } from '../../_lib/auth/oidc-client.ts'
import { takePending } from '../../_lib/auth/oidc-pending.ts'
import { applyPolicy } from '../../_lib/auth/oidc-policy.ts'
import { assertSignInAvailable } from '../../_lib/auth/redis-required.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

// What the sign-in page explains; the reason in detail goes to the log, never to the page.
type Failure = 'expired' | 'refused' | 'not_allowed' | 'no_account' | 'disabled' | 'unavailable'

// The provider sends the browser back here. Every check (state, nonce, PKCE, the ID token's
// signature, issuer, audience and expiry) is openid-client's; a failure leaves no session.
export default defineHandler(async (event) => {
  const fail = (failure: Failure, detail: string) => {
    useLogger().warn(`Single sign-on refused (${failure}): ${detail}`)
    return redirect(new URL(`/sign-in?${new URLSearchParams({ error: `oidc_${failure}` })}`, useConfig().PUBLIC_URL).toString(), 303)
  }
  try {
    assertSignInAvailable()
  } catch {
    return fail('unavailable', 'Redis is unavailable')
  }
  const pending = await takePending(event)
  if (!pending) return fail('expired', 'no sign-in in progress in this browser (or it took longer than 10 minutes)')
  const oidc = await useOidc().catch((error: Error) => error)
  if (oidc instanceof Error) return fail('unavailable', oidc.message)
  const callbackUrl = new URL(redirectUri())
  callbackUrl.search = event.url.search
  let claims: client.IDToken | undefined
  try {
    const tokens = await client.authorizationCodeGrant(oidc, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    claims = tokens.claims()
  } catch (error) {
    return fail('refused', (error as Error).message)
  }
  if (!claims) return fail('refused', 'the provider sent no ID token')
  const config = useConfig()
  const verdict = applyPolicy(claims, config)
  if ('refused' in verdict) return fail('not_allowed', `policy: ${verdict.refused}`)
  const member = await findOrCreateMember(claims, verdict)
  if (!member) return fail('no_account', `no member for ${verdict.email} and OIDC_CREATE_MEMBERS is false`)
  if (member.state !== 'active') return fail('disabled', `member ${member.id} is disabled`)
  await startMemberSession(event, member.id)
  return redirect(new URL(pending.returnTo, config.PUBLIC_URL).toString(), 303)
})

// The provider's subject identifies the member; a first sign-in links an existing account with
// the same (verified) email, or creates one when the policy allows. Admin groups promote, never demote.
async function findOrCreateMember(claims: client.IDToken, verdict: { email: string; name: string; admin: boolean }): Promise<Member | undefined> {
  const db = useDb()
  const oidc = { issuer: claims.iss, subject: claims.sub }
  let member = (await members.findMemberByOidc(db, oidc.issuer, oidc.subject)) ?? (await members.findMemberToLink(db, verdict.email))
  if (member) {
    const promote = verdict.admin && member.role !== 'admin' ? { role: 'admin' as const } : {}
    return members.updateMember(db, member.id, { oidc, ...promote })
  }
  // The email belongs to a member linked to another subject: not this person's account.
  if (!useConfig().OIDC_CREATE_MEMBERS || (await members.findMemberByEmail(db, verdict.email))) return undefined
  member = await members
    .createMember(db, { email: verdict.email, displayName: verdict.name, role: verdict.admin ? 'admin' : 'member', oidc })
    .catch(async (error: Error) => {
      // Two first sign-ins at once: the other one created it.
      if (error instanceof members.MemberExistsError) return members.findMemberByOidc(db, oidc.issuer, oidc.subject)
      throw error
    })
  return member
}
