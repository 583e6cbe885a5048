import type { H3Event } from 'h3'
import { apiError } from '../errors.ts'
import type { FunctionMeta } from '../routing/load.ts'

const JSON_TYPE = /^application\/json\s*(;|$)/i

/**
 * Request bodies are JSON: a body of another type (a cross-site form posts text/plain or
 * urlencoded bodies without a CORS preflight) is refused with 415 before a function reads it.
 * A function that takes other bodies says so with `meta.requestBody: 'any'` (signed webhooks).
 */
export function refuseNonJsonBody(event: H3Event, meta: FunctionMeta): void {
  const { headers } = event.req
  const hasBody = headers.has('transfer-encoding') || (headers.get('content-length') ?? '0') !== '0'
  if (!hasBody || meta.requestBody === 'any' || JSON_TYPE.test(headers.get('content-type') ?? '')) return
  throw apiError(415, 'unsupported_media_type', 'content-type: must be application/json', { field: 'content-type' })
}
