import type { CoreDependency, HealthReport, HealthStatus, OptionalDependency } from '../../types/api.ts'
import type { Runtime } from '../context.ts'
import { down, probe, type Probed } from './probe.ts'

export type DependencyProbes = Record<CoreDependency, Probed> & Partial<Record<OptionalDependency, Probed>>

/** The essential one: without the database nothing works. */
export const probeDatabase = ({ db }: Runtime) => probe(() => db.query('select 1'), { essential: true })

/** An HTTP service answers `url` with a status below `below` (redirects are answers too). */
const answers = (url: string, below: number) => async () => {
  const response = await fetch(url, { redirect: 'manual' })
  await response.body?.cancel()
  if (response.status >= below) throw new Error(`${url} answered ${response.status}`)
}

// One round: every dependency at once. The database is essential (down); the others only degrade
// the service. Egress (its health port: a recording worker is up and connected) and the site are
// probed only where their address is configured: without Egress, recording is simply not offered.
export async function probeDependencies(runtime: Runtime): Promise<DependencyProbes> {
  const { redis, bucket, livekit, config } = runtime
  const [database, redisProbe, storage, livekitProbe, egress, site] = await Promise.all([
    probeDatabase(runtime),
    redis.status === 'ready' ? probe(() => redis.ping()) : down(false, 'Not connected'),
    probe(() => bucket.check()),
    probe(() => livekit.rooms.listRooms()),
    config.EGRESS_HEALTH_URL ? probe(answers(config.EGRESS_HEALTH_URL, 300)) : undefined,
    config.SITE_HEALTH_URL ? probe(answers(config.SITE_HEALTH_URL, 500)) : undefined,
  ])
  return { database, redis: redisProbe, storage, livekit: livekitProbe, ...(egress && { egress }), ...(site && { site }) }
}

export function reportOf(runtime: Runtime, probes: DependencyProbes, checkedAt: Date): HealthReport {
  const checks = Object.fromEntries((Object.entries(probes) as Array<[string, Probed]>).map(([name, { check }]) => [name, check])) as HealthReport['checks']
  const all = Object.values(checks)
  const status: HealthStatus = all.some((c) => c.essential && c.status === 'down') ? 'down' : all.some((c) => c.status === 'down') ? 'degraded' : 'ok'
  return { status, version: runtime.version, uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000), checkedAt: checkedAt.toISOString(), checks }
}

/** Logs a dependency going down (with the library's reason, which the answer never carries) and coming back. */
export function logChanges(runtime: Runtime) {
  const reasons = new Map<string, string | undefined>()
  return (probes: DependencyProbes) => {
    for (const [name, { check, cause }] of Object.entries(probes) as Array<[string, Probed]>) {
      const before = reasons.get(name)
      const now = check.status === 'down' ? (cause ?? check.message) : undefined
      if (now && now !== before) runtime.logger.warn(`Health: ${name} is down: ${now}`)
      else if (!now && before) runtime.logger.info(`Health: ${name} is back`)
      reasons.set(name, now)
    }
  }
}
