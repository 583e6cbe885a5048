import type { Middleware } from 'h3'
import type { IncomingMessage } from 'node:http'

// How much of an unread body is still read and thrown away (bounded, against a client that never stops).
const DISCARD_BYTES = 64 * 1024 * 1024
const DISCARD_MS = 5_000

/**
 * Outermost: whatever answers (a route that never reads its body, a 413, a 429, a CORS or cross-site
 * refusal), the rest of the request body is read away before the answer goes out. Closing a socket
 * with unread bytes sends a reset, and the client, still uploading, loses the answer with it.
 */
export const discardUnreadBody: Middleware = async (event, next) => {
  const node = (event.runtime?.node as { req?: IncomingMessage } | undefined)?.req
  if (!node || (!event.req.headers.has('transfer-encoding') && !event.req.headers.has('content-length'))) return next()
  try {
    return await next()
  } finally {
    await discardRest(node)
  }
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
