import type { APIRoute } from 'astro'
import { runtimeUrl } from '../../lib/runtime-url.ts'
import { forwardHeaders } from '../../lib/forward-headers.ts'
import { redirectWithCookies } from '../../lib/redirects.ts'
import { safeReturnTo } from '../../lib/sign-in-errors.ts'

/**
 * "Sign in with …" is a link here, not a form posting to the runtime: the CSP's form-action 'self'
 * would stop a form whose answer redirects to the provider. The runtime's POST /auth/oidc/start
 * still decides, with the browser's own Sec-Fetch-Site: a link from another site is refused there.
 */
export const GET: APIRoute = async ({ request, locals, url }) => {
  const returnTo = safeReturnTo(url.searchParams.get('returnTo'))
  const headers = forwardHeaders(request, locals.clientAddress)
  headers.delete('accept-encoding')
  let upstream: Response
  try {
    upstream = await fetch(`${runtimeUrl()}/auth/oidc/start?${new URLSearchParams({ returnTo })}`, { method: 'POST', headers, redirect: 'manual' })
  } catch {
    return redirectWithCookies(`/sign-in?error=unavailable`)
  }
  const location = upstream.headers.get('location')
  if (upstream.status !== 303 || !location) return redirectWithCookies(`/sign-in?error=${upstream.status === 404 ? 'failed' : 'oidc_unavailable'}`)
  const cookies = new Headers()
  for (const cookie of upstream.headers.getSetCookie()) cookies.append('set-cookie', cookie)
  return redirectWithCookies(location, cookies)
}
