import type { HeaderList } from './headers.ts'

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

/** Every answer's security headers, computed once at start (HSTS in production only). */
export function securityHeaderList(production: boolean): Readonly<HeaderList> {
  const list: HeaderList = Object.entries(SECURITY_HEADERS)
  if (production) list.push(['strict-transport-security', 'max-age=31536000; includeSubDomains'])
  return Object.freeze(list)
}
