import type { H3Event } from 'h3'
import { LogLevels, type ConsolaInstance } from 'consola'
import { writeStderrLine, writeStdoutLine } from '../logger/line-output.ts'

type RequestLog = (response: Response, event: H3Event) => void

/**
 * One line per request: method, path, status, duration and request id. In production the JSON line
 * (the same fields json-reporter.ts writes) is put together from its parts and written straight to
 * the log's output (line-output.ts), not through consola's reporter pipeline: it is the one log line every request writes.
 * The method is one Node's parser accepted and the request id matched request-id.ts's pattern, so
 * only the path needs escaping.
 */
export function requestLog(logger: ConsolaInstance, json: boolean): RequestLog {
  if (!json) {
    return (response, event) => {
      const line = `${event.req.method} ${event.url.pathname} ${response.status} ${durationOf(event)}ms ${event.context.requestId}`
      if (response.status >= 500) logger.error(line)
      else logger.info(line)
    }
  }
  return (response, event) => {
    const { status } = response
    const error = status >= 500
    if (logger.level < (error ? LogLevels.error : LogLevels.info)) return
    const { method } = event.req
    const path = event.url.pathname
    const durationMs = durationOf(event)
    const id = event.context.requestId
    const line = `{"time":"${timestamp()}","level":"${error ? 'error' : 'info'}",${id ? `"requestId":"${id}",` : ''}"message":${JSON.stringify(`${method} ${path} ${status} ${durationMs}ms`)},"method":"${method}","path":${JSON.stringify(path)},"status":${status},"durationMs":${durationMs}}\n`
    ;(error ? writeStderrLine : writeStdoutLine)(line)
  }
}

const durationOf = (event: H3Event) => Math.round((performance.now() - (event.context.startedAt ?? performance.now())) * 10) / 10

// An ISO time string per millisecond, not per line: under load many lines share one.
let lastMs = 0
let lastIso = ''
function timestamp(): string {
  const now = Date.now()
  if (now !== lastMs) {
    lastMs = now
    lastIso = new Date(now).toISOString()
  }
  return lastIso
}
