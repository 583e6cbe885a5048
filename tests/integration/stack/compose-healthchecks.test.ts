import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { useServices } from '../../support/services.ts'
import { readCompose } from '../../unit/stack/support/stack-files.ts'
import { runHealthCheck, type HealthCheckRun } from './support/run-healthcheck.ts'

// compose.yaml's health checks gate every `depends_on`: each one is run here against the real
// program it checks (its port moved to where the test's instance listens), and against a port
// where nothing listens, which it must report as unhealthy.
const compose = readCompose()
const portOf = (url: string) => Number(new URL(url).port)

describe("compose.yaml's health checks against the real services", () => {
  let runtime: RunningRuntime
  let closedPort: number
  const checks = new Map<string, HealthCheckRun>()

  beforeAll(async () => {
    const services = useServices()
    runtime = await startRuntime(services)
    closedPort = await freePort()
    const database = new URL(services.databaseUrl)
    checks.set('postgres', {
      port: { container: 5432, native: portOf(services.databaseUrl) },
      // What the postgres image's environment holds; pg_isready reads where to connect from PG*.
      env: { POSTGRES_USER: database.username, POSTGRES_DB: database.pathname.slice(1), PGHOST: '127.0.0.1', PGPORT: database.port },
    })
    checks.set('ministack', { port: { container: 4566, native: portOf(services.s3Endpoint) } })
    checks.set('livekit', { port: { container: 7880, native: portOf(services.livekitHttpUrl) } })
    checks.set('runtime', { port: { container: 3001, native: portOf(runtime.url) } })
  })

  afterAll(async () => {
    await runtime?.stop()
  })

  test.each(['postgres', 'ministack', 'livekit', 'runtime'])('%s: healthy while the service answers, unhealthy where nothing listens', (name) => {
    const check = checks.get(name)!
    expect(runHealthCheck(compose.services[name], check)).toBe(0)
    const down = { ...check, port: { ...check.port, native: closedPort }, env: { ...check.env, PGPORT: String(closedPort) } }
    expect(runHealthCheck(compose.services[name], down)).not.toBe(0)
  })
})
