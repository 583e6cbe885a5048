import { publicUrl } from './public-url.ts'

// Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length'])

/**
 * The request headers the runtime needs, with x-forwarded-* rewritten: the visitor's address as
 * the site's middleware resolved it (one entry, so the runtime trusts one hop: the site) and the
 * public host and scheme, which the middleware already held the request to.
 */
export function forwardHeaders(request: Request, clientAddress: string): Headers {
  const headers = new Headers()
  request.headers.forEach((value, name) => {
    if (!hopByHop.has(name) && !name.startsWith('x-forwarded-')) headers.set(name, value)
  })
  const site = publicUrl()
  headers.set('x-forwarded-for', clientAddress)
  headers.set('x-forwarded-host', site.host)
  headers.set('x-forwarded-proto', site.protocol.replace(':', ''))
  return headers
}

/** Response headers to hand back to the browser: everything but hop-by-hop, Set-Cookie kept whole. */
export function responseHeaders(upstream: Headers): Headers {
  const headers = new Headers()
  upstream.forEach((value, name) => {
    // fetch() already decoded the body, so its encoding no longer applies.
    if (!hopByHop.has(name) && name !== 'set-cookie' && name !== 'content-encoding') headers.set(name, value)
  })
  for (const cookie of upstream.getSetCookie()) headers.append('set-cookie', cookie)
  return headers
}
