import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { eventually } from '../../support/eventually.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.ts'
import { freePort } from '../../../native/free-port.ts'

const health = (runtime: RunningRuntime) => fetch(`${runtime.url}/health`).then(async (r) => ({ status: r.status, body: await r.json() }))

describe('Redis going away and coming back', () => {
  let redis: OwnRedis
  let runtime: RunningRuntime
  beforeAll(async () => {
    redis = await startOwnRedis()
    runtime = await startRuntime(useServices(), { REDIS_URL: redis.url })
  })
  afterAll(async () => {
    await runtime?.stop()
    await redis?.stop()
  })

  test('requests keep succeeding, health says degraded, then recovers without a runtime restart', async () => {
    expect((await health(runtime)).body.checks.redis.status).toBe('ok')
    await redis.kill()

    const degraded = await eventually(
      () => health(runtime),
      (h) => h.body.checks.redis.status === 'down',
    )
    expect(degraded.status).toBe(200)
    expect(degraded.body.status).toBe('degraded')
    // Sessions and rate limits fall back to in-process state.
    const session = await fetch(`${runtime.url}/session`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"displayName":"Deg"}' })
    expect(session.status).toBe(200)
    const created = await fetch(`${runtime.url}/meetings`, { method: 'POST', headers: { cookie: session.headers.get('set-cookie')!.split(';')[0] } })
    expect(created.status).toBe(201)
    expect(runtime.output()).toMatch(/Redis unavailable .*running degraded/)

    await redis.restart()
    const recovered = await eventually(
      () => health(runtime),
      (h) => h.body.checks.redis.status === 'ok',
    )
    expect(recovered.body.checks.redis.status).toBe('ok')
    expect(runtime.output()).toContain('Redis is back; leaving degraded mode')
    expect(runtime.process.exitCode).toBeNull()
  })
})

describe('storage unreachable', () => {
  let runtime: RunningRuntime
  beforeAll(async () => {
    runtime = await startRuntime(useServices(), { S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` })
  })
  afterAll(() => runtime?.stop())

  test('start-up says so, health reports storage down, other endpoints work', async () => {
    expect(runtime.output()).toMatch(/Storage unavailable \(bucket "rec-[0-9a-f]+"/)
    const { status, body } = await health(runtime)
    expect(status).toBe(200)
    expect(body.status).toBe('degraded')
    expect(body.checks.storage.status).toBe('down')
    expect(body.checks.database.status).toBe('ok')
    expect((await fetch(`${runtime.url}/meetings`, { method: 'POST' })).status).toBe(201)
  })
})

describe('health when everything is up', () => {
  test('reports each dependency with status and latency, version and uptime', async () => {
    const runtime = await startRuntime(useServices())
    const { status, body } = await health(runtime)
    await runtime.stop()
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) })
    for (const name of ['database', 'redis', 'storage', 'livekit']) {
      expect(body.checks[name]).toEqual({ status: 'ok', latencyMs: expect.any(Number), essential: name === 'database' })
    }
  })
})
