import type { H3Event } from 'h3'

// A client that hangs up before its body is complete makes reading the body fail with Node's
// `aborted` (code ECONNRESET): that is the client's doing, neither a failure of ours nor an
// unreachable dependency, and nobody is left to read the answer.
export function isClientGone(error: unknown, event: H3Event): boolean {
  if (event.req.signal?.aborted) return true
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === 'ECONNRESET' && e.message === 'aborted') return true
  }
  return false
}
