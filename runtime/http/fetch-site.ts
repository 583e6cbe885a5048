import type { H3Event } from 'h3'
import { forbidden } from '../errors.ts'

/**
 * Refuses a request another site made the visitor's browser send (a link, an image, a form):
 * Sec-Fetch-Site, which browsers set and pages cannot, must be `same-origin` or `none` (typed
 * or bookmarked). No header: not a browser. An Origin header that got this far passed the CORS
 * check (CORS_ORIGINS), so that caller is one we listed.
 */
export function assertNotCrossSite(event: H3Event, what: string): void {
  const site = event.req.headers.get('sec-fetch-site')
  if (!site || site === 'same-origin' || site === 'none' || event.req.headers.has('origin')) return
  throw forbidden(`${what} only for this site's own pages, not a request started by another site (Sec-Fetch-Site: ${site})`)
}
