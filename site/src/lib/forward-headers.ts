// Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length'])

// Like the runtime's TRUST_PROXY: only behind a proxy (Caddy) are incoming x-forwarded-* the proxy's own.
const trustProxy = () => process.env.TRUST_PROXY === 'true'

/** The request headers the runtime needs, plus the x-forwarded-* a reverse proxy adds. */
export function forwardHeaders(request: Request, clientAddress: string | undefined): Headers {
  const headers = new Headers()
  const trusted = trustProxy()
  request.headers.forEach((value, name) => {
    if (!hopByHop.has(name) && (trusted || !name.startsWith('x-forwarded-'))) headers.set(name, value)
  })
  const url = new URL(request.url)
  const forwardedFor = headers.get('x-forwarded-for')
  if (clientAddress) headers.set('x-forwarded-for', forwardedFor ? `${forwardedFor}, ${clientAddress}` : clientAddress)
  if (!headers.has('x-forwarded-host')) headers.set('x-forwarded-host', url.host)
  if (!headers.has('x-forwarded-proto')) headers.set('x-forwarded-proto', url.protocol.replace(':', ''))
  return headers
}

/** Response headers to hand back to the browser: everything but hop-by-hop, Set-Cookie kept whole. */
export function responseHeaders(upstream: Headers): Headers {
  const headers = new Headers()
  upstream.forEach((value, name) => {
    if (!hopByHop.has(name) && name !== 'set-cookie' && name !== 'content-encoding') headers.set(name, value)
  })
  for (const cookie of upstream.getSetCookie()) headers.append('set-cookie', cookie)
  return headers
}
