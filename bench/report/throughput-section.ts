import type { Results } from './results.ts'
import type { AppName } from '../apps.ts'
import type { RouteName } from '../throughput.ts'
import type { Spread } from '../stats.ts'
import { cpuRatio, ratio } from './ratios.ts'

const range = (s: Spread, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`

export function throughputSection(r: Results): string {
  const t = r.throughput
  if (!t) return ''
  const apps = Object.keys(t.apps) as AppName[]
  const routes = Object.keys(t.apps.runtime.routes) as RouteName[]
  const legend = apps.map((a) => `- **${a}**: ${t.apps[a].description}`).join('\n')
  const tables = routes.map((route) => {
    const rows = apps.map((a) => {
      const x = t.apps[a].routes[route]
      const ratios = a === 'runtime' ? '1.00 | 1.00' : `${ratio(t, route, a).toFixed(2)} | ${cpuRatio(t, route, a).toFixed(2)}`
      return `| ${a} | ${range(x.requestsPerSecond)} | ${range(x.p50Ms, 1)} | ${range(x.p99Ms, 1)} | ${range(x.cpuMicrosPerRequest)} | ${x.failures} | ${ratios} |`
    })
    return `### ${route}\n\n| app | requests/s | p50 (ms) | p99 (ms) | server CPU per request (µs) | non-2xx or errors | runtime ÷ app, req/s | app ÷ runtime, CPU per request |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`
  })
  return `## Throughput and latency

autocannon on loopback, ${t.settings.connections} connections, no pipelining, ${t.settings.durationSeconds} s per round after a
${t.settings.warmupSeconds} s warm-up, ${t.settings.rounds} rounds interleaved across the apps; median (min–max) over rounds.
\`POST /token\` reads the session from Redis, looks the meeting up in PostgreSQL and signs a LiveKit JWT;
\`GET /meetings/:roomName\` reads the meeting and the session. Every app shares one PostgreSQL and one Redis.

${legend}

The runtime logs one JSON line per request to stdout (sent to /dev/null, as a log driver would take it) and counts
every API request in Redis for its rate limit; "+cc" baselines do the same plainly (their rate-limit count uses
MULTI/EXEC, as the runtime did before it moved to one Lua command), bare ones do neither.

Server CPU per request is the server process's user + system CPU time over the round divided by the requests
it answered. On a machine shared with other work it moves far less than requests/s, so the last column (the
throughput ratio a CPU-bound server would reach) is the steadier comparison.

${tables.join('\n\n')}`
}
