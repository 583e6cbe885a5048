import type { Dependency, HealthReport, HealthStatus } from '../../types/api.ts'
import type { Runtime } from '../context.ts'
import { down, probe, type Probed } from './probe.ts'

export type DependencyProbes = Record<Dependency, Probed>

/** The essential one: without the database nothing works. */
export const probeDatabase = ({ db }: Runtime) => probe(() => db.query('select 1'), { essential: true })

// One round: every dependency at once. The database is essential (down); Redis, storage and
// LiveKit only degrade the service.
export async function probeDependencies(runtime: Runtime): Promise<DependencyProbes> {
  const { redis, bucket, livekit } = runtime
  const [database, redisProbe, storage, livekitProbe] = await Promise.all([
    probeDatabase(runtime),
    redis.status === 'ready' ? probe(() => redis.ping()) : down(false, 'Not connected'),
    probe(() => bucket.check()),
    probe(() => livekit.rooms.listRooms()),
  ])
  return { database, redis: redisProbe, storage, livekit: livekitProbe }
}

export function reportOf(runtime: Runtime, probes: DependencyProbes, checkedAt: Date): HealthReport {
  const checks = Object.fromEntries(Object.entries(probes).map(([name, { check }]) => [name, check])) as HealthReport['checks']
  const all = Object.values(checks)
  const status: HealthStatus = all.some((c) => c.essential && c.status === 'down') ? 'down' : all.some((c) => c.status === 'down') ? 'degraded' : 'ok'
  return { status, version: runtime.version, uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000), checkedAt: checkedAt.toISOString(), checks }
}

/** Logs a dependency going down (with the library's reason, which the answer never carries) and coming back. */
export function logChanges(runtime: Runtime) {
  const reasons = new Map<string, string | undefined>()
  return (probes: DependencyProbes) => {
    for (const [name, { check, cause }] of Object.entries(probes)) {
      const before = reasons.get(name)
      const now = check.status === 'down' ? (cause ?? check.message) : undefined
      if (now && now !== before) runtime.logger.warn(`Health: ${name} is down: ${now}`)
      else if (!now && before) runtime.logger.info(`Health: ${name} is back`)
      reasons.set(name, now)
    }
  }
}
