import type { Results } from './results.ts'
import type { AppName } from '../apps.ts'
import type { RouteName } from '../throughput.ts'
import type { Spread } from '../stats.ts'
import { ratio } from './ratios.ts'

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
      return `| ${a} | ${range(x.requestsPerSecond)} | ${range(x.p50Ms)} | ${range(x.p99Ms)} | ${x.failures} | ${a === 'runtime' ? '1.00' : ratio(t, route, a).toFixed(2)} |`
    })
    return `### ${route}\n\n| app | requests/s | p50 (ms) | p99 (ms) | non-2xx or errors | runtime ÷ app |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`
  })
  return `## Throughput and latency

autocannon on loopback, ${t.settings.connections} connections, no pipelining, ${t.settings.durationSeconds} s per round after a
${t.settings.warmupSeconds} s warm-up, ${t.settings.rounds} rounds interleaved across the apps; median (min–max) over rounds.
\`POST /token\` reads the session from Redis, looks the meeting up in PostgreSQL and signs a LiveKit JWT;
\`GET /meetings/:roomName\` reads the meeting and the session. Every app shares one PostgreSQL and one Redis.

${legend}

The runtime logs one JSON line per request to stdout (sent to /dev/null, as a log driver would take it) and counts
every API request in Redis for its rate limit; "+cc" baselines do the same plainly, bare ones do neither.

${tables.join('\n\n')}`
}
