import type { HealthCheck, HealthReport } from '../../types/api.ts'
import type { Runtime } from '../context.ts'
import { logChanges, probeDatabase, probeDependencies, reportOf } from './report.ts'
import { shareFor } from './shared.ts'

interface Health {
  report: () => Promise<HealthReport>
  database: () => Promise<HealthCheck>
}

const byRuntime = new WeakMap<Runtime, Health>()

function health(runtime: Runtime): Health {
  let found = byRuntime.get(runtime)
  if (found) return found
  const log = logChanges(runtime)
  found = {
    // However many people ask, the dependencies see one round per HEALTH_CACHE_SECONDS.
    report: shareFor(runtime.config.HEALTH_CACHE_SECONDS * 1000, async () => {
      const checkedAt = new Date()
      const probes = await probeDependencies(runtime)
      log(probes)
      return reportOf(runtime, probes, checkedAt)
    }),
    // Readiness must be current: callers share only the probe in flight.
    database: shareFor(0, async () => (await probeDatabase(runtime)).check),
  }
  byRuntime.set(runtime, found)
  return found
}

/** Every dependency's check, shared between callers for HEALTH_CACHE_SECONDS. */
export const healthReport = (runtime: Runtime) => health(runtime).report()

/** The database's check, fresh (concurrent callers share one probe). */
export const databaseCheck = (runtime: Runtime) => health(runtime).database()
