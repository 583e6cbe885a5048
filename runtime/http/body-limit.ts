import { HTTPError, bodyLimit as streamBodyLimit, type Middleware } from 'h3'
import type { IncomingMessage } from 'node:http'

const DIGITS = /^\d+$/

/**
 * Bodies over `limit` answer 413. On Node, srvx counts while reading (`maxRequestBodySize`, see
 * listen.ts), so a chunked body is never held beyond the limit; a declared Content-Length over it
 * is refused before reading. Either way unread-body.ts discards the rest before the answer.
 * Without Node (app.fetch in tests and benchmarks) h3's stream-counting check applies.
 */
export function bodyLimit(limit: number): Middleware {
  const checkStream = streamBodyLimit(limit)
  return async (event, next) => {
    const { headers } = event.req
    const length = headers.get('content-length')
    const chunked = headers.has('transfer-encoding')
    if (!chunked && (!length || (DIGITS.test(length) && Number(length) <= limit))) return next()
    const node = (event.runtime?.node as { req?: IncomingMessage } | undefined)?.req
    if (!node) return checkStream(event, next)
    try {
      if (length && DIGITS.test(length) && Number(length) > limit) throw tooLarge(limit)
      return await next()
    } catch (error) {
      throw isTooLarge(error) ? tooLarge(limit) : error
    }
  }
}

const tooLarge = (limit: number) =>
  new HTTPError({ status: 413, message: `The request body is larger than the limit of ${limit} bytes`, data: { error: 'payload_too_large' } })

// srvx's own refusal (BodyTooLargeError), as thrown or as h3 wrapped it.
function isTooLarge(error: unknown): boolean {
  for (let e = error as { status?: number; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.status === 413) return true
  }
  return false
}
