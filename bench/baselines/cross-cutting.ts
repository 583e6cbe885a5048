import { randomUUID } from 'node:crypto'
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Redis } from 'ioredis'
import { SECURITY_HEADERS as RUNTIME_SECURITY_HEADERS } from '../../runtime/http/security-headers.ts'

// The runtime's cross-cutting work, written plainly for the "with equivalent work" baselines:
// request id, security headers, a per-client Redis fixed-window counter, one JSON log line per request.
export const requestStore = new AsyncLocalStorage<{ requestId: string }>()

// The runtime's own header set, plus HSTS as it sends in production.
export const SECURITY_HEADERS: Record<string, string> = {
  ...RUNTIME_SECURITY_HEADERS,
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
}

const VALID_ID = /^[\w.:-]{1,128}$/
export const requestIdFrom = (incoming: string | undefined | null) => (incoming && VALID_ID.test(incoming) ? incoming : randomUUID())

export type Tier = 'api' | 'token' | false
export const tierOf = (path: string): Tier => (path.startsWith('/health') ? false : path === '/token' ? 'token' : 'api')

const LIMITS = { api: 1_000_000, token: 1_000_000 }
const WINDOW_MS = 60_000

/** Counts the request in its client's window; the headers the runtime sends, and whether it may pass. */
export async function countRequest(redis: Redis, tier: Exclude<Tier, false>, client: string) {
  const at = Date.now()
  const windowStart = at - (at % WINDOW_MS)
  const key = `ratelimit:${tier}:${client}:${windowStart}`
  const [[, count]] = (await redis.multi().incr(key).pexpire(key, WINDOW_MS, 'NX').exec()) as [[null, number]]
  const max = LIMITS[tier]
  return { allowed: count <= max, headers: { 'ratelimit-limit': String(max), 'ratelimit-remaining': String(Math.max(0, max - count)) } }
}

export function logRequest(method: string, path: string, status: number, startedAt: number, requestId: string): void {
  const durationMs = Math.round((performance.now() - startedAt) * 10) / 10
  const line = {
    time: new Date().toISOString(),
    level: 'info',
    requestId,
    message: `${method} ${path} ${status} ${durationMs}ms`,
    method,
    path,
    status,
    durationMs,
  }
  process.stdout.write(JSON.stringify(line) + '\n')
}
