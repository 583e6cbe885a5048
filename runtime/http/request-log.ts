import type { H3Event } from 'h3'
import type { ConsolaInstance } from 'consola'

// One line per request: method, path, status, duration and request id.
export function logRequest(response: Response, event: H3Event, logger: ConsolaInstance, json: boolean): void {
  const durationMs = Math.round((performance.now() - (event.context.startedAt ?? performance.now())) * 10) / 10
  const { method } = event.req
  const path = event.url.pathname
  const status = response.status
  const requestId = event.context.requestId
  const line = `${method} ${path} ${status} ${durationMs}ms`
  // JSON lines carry the fields for collectors; a terminal gets one readable line.
  const args: [string, ...object[]] = json ? [line, { method, path, status, durationMs, requestId }] : [`${line} ${requestId}`]
  if (status >= 500) logger.error(...args)
  else logger.info(...args)
}
