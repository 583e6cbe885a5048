import type { H3Event, Middleware } from 'h3'
import { FastResponse } from 'srvx'
import type { FunctionMeta, FunctionModule } from '../routing/load.ts'
import type { RateLimiter } from '../rate-limit/limiter.ts'
import { requestContext } from '../logger/request-context.ts'
import { applyHeaders, type HeaderList } from './headers.ts'
import { requestIdFrom } from './request-id.ts'
import { securityHeaderList } from './security-headers.ts'
import { cors } from './cors.ts'
import { refuseCrossSite } from './cross-site.ts'
import { rateLimit, type ReadAlong, type Tiers } from './rate-limit.ts'
import { bodyLimit } from './body-limit.ts'
import { refuseNonJsonBody } from './json-body.ts'
import { discardUnreadBody } from './unread-body.ts'

export interface CrossCuttingOptions {
  production: boolean
  origins: string[]
  limiter: RateLimiter
  tiers: Tiers
  trustedHops: number
  bodyLimitBytes: number
  /** what the rate limit's Redis call also reads (the request's session) */
  readAlong?: ReadAlong
}

const JSON_TYPE: [string, string] = ['content-type', 'application/json;charset=UTF-8']
const NO_META: FunctionMeta = {}

/**
 * Everything every request goes through, in one h3 middleware and in this order: unread bodies
 * discarded before any answer (outermost), request id, security headers, CORS, the cross-site check,
 * the rate limit, the body limit and JSON-only bodies. One layer instead of eight, and the answer's headers are one list built once per request: a JSON
 * answer leaves as a FastResponse carrying that list, which srvx writes to Node as it is, instead of
 * h3 setting each header on a Headers object and copying it into another. Errors, preflights and a
 * function's own Response take h3's path with the same headers (see `errorHeaders`).
 */
export function crossCutting(options: CrossCuttingOptions): Middleware {
  const security = securityHeaderList(options.production)
  const checkCors = cors(options.origins)
  const limitRate = rateLimit(options.limiter, options.tiers, options.trustedHops, options.readAlong)
  const limitBody = bodyLimit(options.bodyLimitBytes)
  const handle = async (event: H3Event, next: () => unknown) => {
    const requestId = requestIdFrom(event.req.headers.get('x-request-id'))
    const headers: HeaderList = [...security, ['x-request-id', requestId]]
    event.context.requestId = requestId
    event.context.startedAt = performance.now()
    event.context.responseHeaders = headers
    const preflight = checkCors(event, headers)
    if (preflight) return (applyHeaders(event, headers), preflight)
    refuseCrossSite(event)
    // A lazy route's module is imported here on its first request: its meta picks the rate-limit tier.
    const module = event.context.matchedRoute?.meta?.module as FunctionModule | undefined
    const meta = module ? (module.loaded ?? (await module.load())).meta : NO_META
    await limitRate(event, meta, headers)
    refuseNonJsonBody(event, meta)
    const value = await requestContext.run({ requestId }, () => limitBody(event, next))
    if (isPlainJson(value)) {
      const status = event.res.status ?? 200
      return new FastResponse(event.req.method === 'HEAD' ? null : JSON.stringify(value), { status, headers: [JSON_TYPE, ...headers] })
    }
    applyHeaders(event, headers)
    return value
  }
  return (event, next) => discardUnreadBody(event, () => handle(event, next))
}

/** The headers an error answer carries: those the request had gathered, or the fixed set if it failed before. */
export function errorHeaders(production: boolean): (event: H3Event) => void {
  const security = securityHeaderList(production)
  return (event) => applyHeaders(event, event.context.responseHeaders ?? security)
}

// What h3 would serialize as JSON itself: a plain object or an array (a Response, a string, null,
// a stream or an HTTPResponse go through h3).
function isPlainJson(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return true
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

declare module 'h3' {
  interface H3EventContext {
    responseHeaders?: HeaderList
  }
}
