import { HTTPError, bodyLimit as streamBodyLimit, type Middleware } from 'h3'
import type { IncomingMessage } from 'node:http'

const DIGITS = /^\d+$/
// How much of a refused body is still read and thrown away, so that the client, mid-upload,
// receives the 413 instead of a reset connection (closing a socket with unread data sends RST).
const DISCARD_BYTES = 64 * 1024 * 1024
const DISCARD_MS = 5_000

/**
 * Bodies over `limit` answer 413. On Node, srvx counts while reading (`maxRequestBodySize`, see
 * listen.ts), so a chunked body is never held beyond the limit; a declared Content-Length over it
 * is refused before reading. Either way the rest of the body is discarded (bounded) before the
 * answer, and so is a body the route left unread. Without Node (app.fetch in tests and benchmarks) h3's stream-counting check applies.
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
      const answer = await next()
      // A route that never reads its body (GET /health/live with a chunked upload) still answers
      // over a socket full of unread bytes: read them away first, or the close resets it.
      await discardRest(node)
      return answer
    } catch (error) {
      if (!isTooLarge(error)) throw error
      await discardRest(node)
      throw tooLarge(limit)
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

/** Reads what is left of the body into nothing, up to DISCARD_BYTES or DISCARD_MS. */
function discardRest(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    let seen = 0
    const done = () => {
      clearTimeout(timer)
      req.off('data', onData).off('end', done).off('close', done).off('error', done)
      req.pause()
      resolve()
    }
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > DISCARD_BYTES) done()
    }
    const timer = setTimeout(done, DISCARD_MS)
    req.on('data', onData).once('end', done).once('close', done).once('error', done)
    req.resume()
  })
}
