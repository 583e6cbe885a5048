import { publicUrl } from './public-url.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']

/**
 * Why a request is refused, or undefined. A Host other than PUBLIC_URL's is a misdirected or
 * rebound request (DNS rebinding reaches a loopback site under a foreign name), so nothing is
 * rendered or built from it. A cross-site form post is what Astro's `checkOrigin` refuses, compared
 * here with PUBLIC_URL's origin: behind Caddy the site itself sees plain http.
 */
export function refusal(request: Request, url: URL): Response | undefined {
  const site = publicUrl()
  if (url.host !== site.host) {
    return new Response(`This site answers at ${site.origin}.\n`, { status: 421, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
  if (SAFE_METHODS.has(request.method)) return undefined
  const type = request.headers.get('content-type')?.toLowerCase()
  const formLike = !type || FORM_TYPES.some((form) => type.includes(form))
  if (formLike && request.headers.get('origin') !== site.origin) {
    return new Response(`Cross-site ${request.method} form submissions are forbidden\n`, {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
  }
  return undefined
}
