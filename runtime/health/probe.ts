import type { HealthCheck } from '../../types/api.ts'
import { isUnavailableError } from '../http/unavailable.ts'

/** A check as answered, and the library's own reason behind a `down`, which goes to the log only. */
export interface Probed {
  check: HealthCheck
  cause?: string
}

const timedOut = Symbol('timed out')

// Times one dependency round trip; slower than the timeout counts as down. The answer says why
// in a fixed phrase: library messages name hosts, ports, buckets and versions.
export async function probe(task: () => Promise<unknown>, { essential = false, timeoutMs = 2_000 } = {}): Promise<Probed> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut), timeoutMs)
  })
  try {
    await Promise.race([task(), timeout])
    return { check: { status: 'ok', latencyMs: elapsed(started), essential } }
  } catch (error) {
    const check: HealthCheck = { status: 'down', latencyMs: elapsed(started), essential, message: downMessage(error, timeoutMs) }
    return { check, cause: error === timedOut ? check.message : (error as Error)?.message || String(error) }
  } finally {
    clearTimeout(timer)
  }
}

/** A dependency known to be down without asking it (Redis while ioredis reconnects). */
export const down = (essential: boolean, message: string): Probed => ({ check: { status: 'down', latencyMs: 0, essential, message } })

function downMessage(error: unknown, timeoutMs: number): string {
  if (error === timedOut) return `No answer within ${timeoutMs / 1000} s`
  return isUnavailableError(error) ? 'Not reachable' : 'Answered with an error'
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10
