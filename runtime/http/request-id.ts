import { randomUUID } from 'node:crypto'
import type { Middleware } from 'h3'
import { requestContext } from '../logger/request-context.ts'

const VALID_ID = /^[\w.:-]{1,128}$/

// Keeps a caller's (or Caddy's) x-request-id so one id follows a request through every log.
export const requestId: Middleware = (event, next) => {
  const incoming = event.req.headers.get('x-request-id')
  const id = incoming && VALID_ID.test(incoming) ? incoming : randomUUID()
  event.context.requestId = id
  event.context.startedAt = performance.now()
  event.res.headers.set('x-request-id', id)
  return requestContext.run({ requestId: id }, next)
}

declare module 'h3' {
  interface H3EventContext {
    requestId?: string
    startedAt?: number
  }
}
