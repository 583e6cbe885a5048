import autocannon from 'autocannon'
import { cpuSeconds } from './cpu.ts'

export interface LoadSpec {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface Round {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** the server's CPU time (user + system) per answered request: robust to a busy machine, unlike req/s */
  cpuMicrosPerRequest: number
  /** answers other than 2xx, and connection errors or timeouts */
  failures: number
}

export interface LoadSettings {
  connections: number
  durationSeconds: number
  warmupSeconds: number
  rounds: number
}

/** One autocannon run on loopback against the server `pid`; fixed connections, no pipelining. */
export async function loadRound(url: string, pid: number, spec: LoadSpec, connections: number, durationSeconds: number): Promise<Round> {
  const cpuBefore = cpuSeconds(pid)
  const result = await autocannon({
    url: url + spec.path,
    method: spec.method,
    headers: spec.headers,
    body: spec.body,
    connections,
    duration: durationSeconds,
    pipelining: 1,
  })
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMicrosPerRequest: Math.round(((cpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, result.requests.total)),
    failures: result.non2xx + result.errors + result.timeouts,
  }
}
