import autocannon from 'autocannon'

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
  /** answers other than 2xx, and connection errors or timeouts */
  failures: number
}

export interface LoadSettings {
  connections: number
  durationSeconds: number
  warmupSeconds: number
  rounds: number
}

/** One autocannon run on loopback; fixed connections, no pipelining. */
export async function loadRound(url: string, spec: LoadSpec, connections: number, durationSeconds: number): Promise<Round> {
  const result = await autocannon({ url: url + spec.path, method: spec.method, headers: spec.headers, body: spec.body, connections, duration: durationSeconds, pipelining: 1 })
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  }
}

/** A warm-up, then `rounds` measured rounds. */
export async function loadRounds(url: string, spec: LoadSpec, settings: LoadSettings): Promise<Round[]> {
  if (settings.warmupSeconds > 0) await loadRound(url, spec, settings.connections, settings.warmupSeconds)
  const rounds: Round[] = []
  for (let i = 0; i < settings.rounds; i++) rounds.push(await loadRound(url, spec, settings.connections, settings.durationSeconds))
  return rounds
}
