import type { H3Event, Middleware } from 'h3'

// The API answers JSON only: nothing may frame, sniff or script it. Its answers are one visitor's
// (session cookie, display name, LiveKit tokens, their meetings, presigned URLs), so no browser or proxy
// cache may keep any of them: no-store on every answer is simpler and safer than a list of routes that a
// new function could forget. A function may still set its own Cache-Control.
export const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-site',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
}

export function setSecurityHeaders(event: H3Event, production: boolean): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) event.res.headers.set(name, value)
  if (production) event.res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains')
}

export function securityHeaders(production: boolean): Middleware {
  return (event, next) => {
    setSecurityHeaders(event, production)
    return next()
  }
}
