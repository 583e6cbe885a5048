import { runtimeUrl } from './runtime-url.ts'
import type { ApiErrorBody, Dependency, HealthAnswer, HealthCheck, HealthStatus } from './types.ts'

/** What the runtime said to GET /health; status 0: it did not answer. */
export interface HealthRead {
  status: number
  body: HealthAnswer | ApiErrorBody
}

interface StatusCheck {
  name: string
  status: HealthCheck['status']
  latencyMs: number
  /** why it is down, in the API's own short words */
  message?: string
}

export interface StatusView {
  overall: HealthStatus
  /** no report to show: the runtime did not answer, or answered with an error */
  problem?: string
  checks: StatusCheck[]
  version?: string
  uptimeSeconds?: number
  /** when the runtime's probes ran */
  checkedAt?: string
}

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
    const body = await response.json().catch(() => ({ error: 'internal_error', message: 'The API server gave an unreadable answer.' }))
    return { status: response.status, body }
  } catch {
    return { status: 0, body: { error: 'service_unavailable', message: 'The API server did not answer. It may be restarting or stopped.' } }
  }
}

const names: Record<Dependency, string> = { database: 'Database', redis: 'Sessions and limits (Redis)', storage: 'Recording storage', livekit: 'Media server (LiveKit)', egress: 'Recording (LiveKit Egress)', site: 'Site' }

/** The status page's content; without a report, the service counts as down. */
export function statusView({ body }: HealthRead): StatusView {
  if (!('status' in body)) return { overall: 'down', problem: body.message, checks: [] }
  if (!('checks' in body)) return { overall: body.status, checks: [] }
  const checks = (Object.entries(body.checks) as Array<[Dependency, HealthCheck]>).map(([name, check]) => ({
    name: names[name] ?? name,
    status: check.status,
    latencyMs: check.latencyMs,
    message: check.message,
  }))
  return { overall: body.status, checks, version: body.version, uptimeSeconds: body.uptimeSeconds, checkedAt: body.checkedAt }
}
