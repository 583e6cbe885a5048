import { randomUUID } from 'node:crypto'

const VALID_ID = /^[\w.:-]{1,128}$/

// Keeps a caller's (or Caddy's) x-request-id so one id follows a request through every log.
// The pattern also keeps it safe to write into a JSON log line as it is.
export const requestIdFrom = (incoming: string | null): string => (incoming && VALID_ID.test(incoming) ? incoming : randomUUID())

declare module 'h3' {
  interface H3EventContext {
    requestId?: string
    startedAt?: number
  }
}
