import type { App, AppName } from './apps.ts'
import type { Fixtures } from './fixtures.ts'
import { loadRound, type LoadSettings, type LoadSpec, type Round } from './load.ts'
import { peakRssDuring, rssMiB } from './memory.ts'
import type { ServerUnderTest } from './server.ts'
import { spread, type Spread } from './stats.ts'

export type RouteName = 'GET /health/live' | 'POST /token' | 'GET /meetings/:roomName'

interface RouteResult {
  rounds: Round[]
  requestsPerSecond: Spread
  p50Ms: Spread
  p99Ms: Spread
  cpuMicrosPerRequest: Spread
  failures: number
}

export interface ThroughputResult {
  settings: LoadSettings
  apps: Record<AppName, { description: string; routes: Record<RouteName, RouteResult>; idleRssMiB: number; loadedRssMiB: number }>
}

export function benchRoutes({ cookie, roomName }: Fixtures): Record<RouteName, LoadSpec> {
  return {
    'GET /health/live': { method: 'GET', path: '/health/live' },
    'POST /token': { method: 'POST', path: '/token', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ roomName }) },
    'GET /meetings/:roomName': { method: 'GET', path: `/meetings/${roomName}`, headers: { cookie } },
  }
}

/**
 * Every app runs at once (idle ones cost nothing) and rounds are interleaved, app after app, so a
 * burst of load from elsewhere on the machine lands on all of them rather than on one.
 */
export async function measureThroughput(
  apps: App[],
  routes: Record<RouteName, LoadSpec>,
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<ThroughputResult> {
  const servers = new Map<AppName, ServerUnderTest>()
  try {
    for (const app of apps) servers.set(app.name, await app.start())
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const idle = new Map([...servers].map(([name, server]) => [name, rssMiB(server.pid)]))
    const rounds = new Map<string, Round[]>()
    const peaks = new Map<AppName, number>()
    for (const [route, spec] of Object.entries(routes)) {
      for (const [, server] of servers) await loadRound(server.url, server.pid, spec, settings.connections, settings.warmupSeconds)
      for (let r = 0; r < settings.rounds; r++) {
        for (const [name, server] of servers) {
          const { result, peakMiB } = await peakRssDuring(server.pid, () =>
            loadRound(server.url, server.pid, spec, settings.connections, settings.durationSeconds),
          )
          peaks.set(name, Math.max(peaks.get(name) ?? 0, peakMiB))
          rounds.set(`${name} ${route}`, [...(rounds.get(`${name} ${route}`) ?? []), result])
          log(
            `${route} ${name} round ${r + 1}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.cpuMicrosPerRequest} µs CPU/req${result.failures ? `, ${result.failures} failures` : ''}`,
          )
        }
      }
    }
    const summarize = (list: Round[]): RouteResult => ({
      rounds: list,
      requestsPerSecond: spread(list.map((r) => r.requestsPerSecond)),
      p50Ms: spread(list.map((r) => r.p50Ms)),
      p99Ms: spread(list.map((r) => r.p99Ms)),
      cpuMicrosPerRequest: spread(list.map((r) => r.cpuMicrosPerRequest)),
      failures: list.reduce((n, r) => n + r.failures, 0),
    })
    const result = {} as ThroughputResult['apps']
    for (const app of apps) {
      const perRoute = Object.fromEntries(Object.keys(routes).map((route) => [route, summarize(rounds.get(`${app.name} ${route}`)!)])) as Record<
        RouteName,
        RouteResult
      >
      result[app.name] = {
        description: app.description,
        routes: perRoute,
        idleRssMiB: Math.round(idle.get(app.name)!),
        loadedRssMiB: Math.round(peaks.get(app.name)!),
      }
    }
    return { settings, apps: result }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()))
  }
}
