import * as client from 'openid-client'
import { notFound, unavailable, useConfig } from '#runtime'

let discovered: { issuer: string; promise: Promise<client.Configuration> } | undefined

/** The provider's configuration, discovered once (and again after a failed discovery). */
export async function useOidc(): Promise<client.Configuration> {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, NODE_ENV } = useConfig()
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) throw notFound('Single sign-on is not configured here')
  if (discovered?.issuer !== OIDC_ISSUER) {
    const issuer = new URL(OIDC_ISSUER)
    // Plain http only for a provider on a developer's machine or in the tests.
    const insecure = issuer.protocol === 'http:' && NODE_ENV !== 'production'
    // The ID token's signature is checked against the provider's keys too, not only trusted
    // because it came over TLS from the token endpoint (which the spec allows, and a proxy or a
    // misconfigured provider would abuse).
    const execute = [client.enableNonRepudiationChecks, ...(insecure ? [client.allowInsecureRequests] : [])]
    const promise = client.discovery(issuer, OIDC_CLIENT_ID, undefined, client.ClientSecretBasic(OIDC_CLIENT_SECRET), { execute })
    discovered = { issuer: OIDC_ISSUER, promise }
    promise.catch(() => discovered?.promise === promise && (discovered = undefined))
  }
  return discovered.promise.catch((error: Error) => {
    throw unavailable(`The sign-in provider could not be reached: ${error.message}`)
  })
}

/** Where the provider sends the browser back: the site's /api prefix reaches the runtime. */
export const redirectUri = () => new URL('/api/auth/oidc/callback', useConfig().PUBLIC_URL).toString()

/** A path on this site to go back to after signing in; anything else becomes the home page. */
export const safeReturnTo = (value: unknown) => (typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%~]*$/.test(value) && value.length <= 512 ? value : '/')
