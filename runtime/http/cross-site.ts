import type { H3Event } from 'h3'
import { forbidden } from '../errors.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The browser says another site started this request (a link, an image, a form, a fetch without
 * CORS): Sec-Fetch-Site, which pages cannot set, is `cross-site` or `same-site`, and there is no
 * Origin. An Origin that got this far passed the CORS check (cors.ts runs first and refuses any
 * other), so that caller is one we listed. No Sec-Fetch-Site: not a browser.
 */
function startedByAnotherSite(event: H3Event): boolean {
  const site = event.req.headers.get('sec-fetch-site')
  return (site === 'cross-site' || site === 'same-site') && !event.req.headers.has('origin')
}

// Beside SameSite=Lax and the Origin check: a state-changing request another site started is
// refused even when it sends no Origin (old browsers, some redirects).
export function refuseCrossSite(event: H3Event): void {
  if (!SAFE.has(event.req.method) && startedByAnotherSite(event)) throw forbidden('Cross-site requests cannot change anything here')
}

/** For the GETs that hand out something a visitor's browser must not give away (tokens). */
export function assertNotCrossSite(event: H3Event, what: string): void {
  if (startedByAnotherSite(event)) {
    throw forbidden(
      `${what} only for this site's own pages, not a request started by another site (Sec-Fetch-Site: ${event.req.headers.get('sec-fetch-site')})`,
    )
  }
}
