import { runtimeUrl } from './runtime-url.ts'
import type { ApiErrorBody, Dependency, HealthAnswer, HealthCheck, HealthStatus } from './types.ts'

/** What the runtime said to GET /health; status 0: it did not answer. */
export interface HealthRead {
  status: number
  body: HealthAnswer | ApiErrorBody
}

interface StatusCheck {
  /** which dependency (the page names it in the visitor's language) */
  dependency: Dependency
  status: HealthCheck['status']
  latencyMs: number
  /** why it is down, in the API's own short words */
  message?: string
}

export interface StatusView {
  overall: HealthStatus
  /** no report to show: the runtime did not answer, answered with something unreadable, or with an error */
  problem?: 'no-answer' | 'unreadable' | 'error'
  /** the HTTP status of a `problem: 'error'` */
  problemStatus?: number
  checks: StatusCheck[]
  version?: string
  uptimeSeconds?: number
  /** when the runtime's probes ran */
  checkedAt?: string
}

// Markers for what the site itself found, not the runtime: the page says them in the visitor's language.
const UNREADABLE = 'unreadable answer'
const NO_ANSWER = 'no answer'

const sharedMs = 2_000
let last: { at: number; read: Promise<HealthRead> } | undefined

/**
 * GET /health as the site itself, not on the visitor's behalf: the runtime shows which dependency is
 * down only to direct callers on the internal network, and a forwarded visitor is not one. Renders
 * within two seconds share one answer, so a crowd on /status costs the runtime one request (and
 * the site's own address one rate-limit slot).
 */
export function readHealth(): Promise<HealthRead> {
  if (!last || Date.now() - last.at >= sharedMs) last = { at: Date.now(), read: fetchHealth() }
  return last.read
}

async function fetchHealth(): Promise<HealthRead> {
  try {
    const response = await fetch(`${runtimeUrl()}/health`, { headers: { accept: 'application/json' } })
    const body = await response.json().catch(() => ({ error: 'internal_error', message: UNREADABLE }))
    return { status: response.status, body }
  } catch {
    return { status: 0, body: { error: 'service_unavailable', message: NO_ANSWER } }
  }
}

/** The status page's content; without a report, the service counts as down. */
export function statusView({ status, body }: HealthRead): StatusView {
  if (!('status' in body)) {
    const problem = status === 0 ? 'no-answer' : body.message === UNREADABLE ? 'unreadable' : 'error'
    return { overall: 'down', problem, problemStatus: status, checks: [] }
  }
  if (!('checks' in body)) return { overall: body.status, checks: [] }
  const checks = (Object.entries(body.checks) as Array<[Dependency, HealthCheck]>).map(([name, check]) => ({
    dependency: name,
    status: check.status,
    latencyMs: check.latencyMs,
    message: check.message,
  }))
  return { overall: body.status, checks, version: body.version, uptimeSeconds: body.uptimeSeconds, checkedAt: body.checkedAt }
}
