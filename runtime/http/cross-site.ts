import type { Middleware } from 'h3'
import { forbidden } from '../errors.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

// Beside SameSite=Lax and the Origin check (cors.ts): a browser that says a state-changing request
// comes from another site is refused even when it sends no Origin (old browsers, some redirects).
export function refuseCrossSite(allowedOrigins: string[]): Middleware {
  const allowed = new Set(allowedOrigins)
  return (event, next) => {
    if (SAFE.has(event.req.method)) return next()
    const site = event.req.headers.get('sec-fetch-site')
    const origin = event.req.headers.get('origin')
    if ((site === 'cross-site' || site === 'same-site') && !(origin && allowed.has(origin))) {
      throw forbidden('Cross-site requests cannot change anything here')
    }
    return next()
  }
}
