import { HTTPError, type H3Event } from 'h3'
import type { ConsolaInstance } from 'consola'
import type { ApiErrorBody, ErrorCode } from '../../types/api.ts'
import { isUnavailableError } from './unavailable.ts'
import { dataErrorMessage } from './data-error.ts'
import { isClientGone } from './client-gone.ts'

const CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
}

interface Issue {
  message: string
  path?: Array<{ key: PropertyKey } | PropertyKey>
}

// Every error leaves as `{ error, message, details? }`; a 5xx never carries a stack or an internal message.
export function errorResponse(error: HTTPError, event: H3Event, logger: ConsolaInstance): Response {
  if (error.status >= 500 && isClientGone(error.cause ?? error, event)) {
    return errorResponse(
      new HTTPError({ status: 400, message: 'The request ended before its body was complete', data: { error: 'bad_request' } }),
      event,
      logger,
    )
  }
  if (error.status >= 500 && isUnavailableError(error.cause ?? error)) {
    logger.warn(`${event.req.method} ${event.url.pathname}: dependency unreachable:`, (error.cause as Error)?.message ?? error.message)
    return errorResponse(
      new HTTPError({
        status: 503,
        message: 'A service this request needs is unreachable right now; try again shortly',
        data: { error: 'service_unavailable' },
      }),
      event,
      logger,
    )
  }
  const unstorable = error.status >= 500 ? dataErrorMessage(error.cause ?? error) : undefined
  if (unstorable) {
    logger.warn(`${event.req.method} ${event.url.pathname}: value refused by PostgreSQL: ${unstorable}`)
    return errorResponse(
      new HTTPError({ status: 400, message: `A value in this request cannot be stored: ${unstorable}`, data: { error: 'bad_request' } }),
      event,
      logger,
    )
  }
  const status = error.status >= 400 && error.status < 600 ? error.status : 500
  const data = (error.data ?? {}) as { error?: ErrorCode; details?: Record<string, unknown>; issues?: Issue[] }
  let body: ApiErrorBody
  if (data.issues?.length) body = validationBody(data.issues)
  else if (status >= 500 && status !== 503) body = { error: 'internal_error', message: `Internal error; reference ${event.context.requestId}` }
  else if (status === 400 && !data.error && isMalformedPath(event.url.pathname))
    body = { error: 'bad_request', message: 'The URL path is malformed: a % must start a valid percent-encoded UTF-8 sequence' }
  else if (status === 404 && !data.error) body = { error: 'not_found', message: `No route for ${event.req.method} ${event.url.pathname}` }
  else body = { error: data.error ?? CODES[status] ?? 'bad_request', message: error.message, ...(data.details ? { details: data.details } : {}) }
  if (status >= 500) logger.error(`${event.req.method} ${event.url.pathname} failed:`, error.cause ?? error)
  const headers = new Headers(event.res.headers)
  headers.set('content-type', 'application/json; charset=utf-8')
  return new Response(JSON.stringify(body), { status, headers })
}

function isMalformedPath(path: string): boolean {
  try {
    decodeURIComponent(path)
    return false
  } catch {
    return true
  }
}

function validationBody(issues: Issue[]) {
  const first = issues[0]
  const field = (first.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || 'body'
  return { error: 'validation_failed' as const, message: `${field}: ${first.message}`, details: { field, issues: issues.map((i) => i.message) } }
}
