// Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length'])

/**
 * The request headers the runtime needs, with x-forwarded-* rewritten from what Astro resolved:
 * the visitor's address and the page's public host and scheme. Astro takes these from Caddy's
 * X-Forwarded-* (astro.config.mjs trusts them), so the site must only be reachable through Caddy
 * or on loopback, as compose.yaml publishes it.
 */
export function forwardHeaders(request: Request, clientAddress: string | undefined): Headers {
  const headers = new Headers()
  request.headers.forEach((value, name) => {
    if (!hopByHop.has(name) && !name.startsWith('x-forwarded-')) headers.set(name, value)
  })
  const url = new URL(request.url)
  if (clientAddress) headers.set('x-forwarded-for', clientAddress)
  headers.set('x-forwarded-host', url.host)
  headers.set('x-forwarded-proto', url.protocol.replace(':', ''))
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
