import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { startRedis, type RedisHandle } from '../../../native/redis.ts'
import { freePort } from '../../../native/free-port.ts'
import { eventually } from '../../support/eventually.ts'

describe('cross-cutting HTTP behaviour', () => {
  let runtime: RunningRuntime
  beforeAll(async () => {
    runtime = await startRuntime(useServices(), {
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://partner.example',
      BODY_LIMIT_BYTES: '2048',
      LIVEKIT_API_SECRET: useServices().livekitSecret,
    })
  })
  afterAll(() => runtime?.stop())

  test('an allowed origin gets CORS headers, and its preflight is answered', async () => {
    const response = await fetch(`${runtime.url}/health/live`, { headers: { origin: 'https://partner.example' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('https://partner.example')
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    const preflight = await fetch(`${runtime.url}/meetings`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.status).toBeLessThan(300)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
  })

  test('any other origin is refused with 403 and no CORS headers', async () => {
    const response = await fetch(`${runtime.url}/session`, { headers: { origin: 'https://evil.example' } })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(await response.json()).toEqual({ error: 'forbidden', message: 'Origin https://evil.example is not allowed (CORS_ORIGINS)' })
  })

  test('security headers are on every answer, HSTS in production', async () => {
    const response = await fetch(`${runtime.url}/health/live`)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    })
  })

  test('a body over the limit gets 413, malformed JSON a 400, both as JSON errors', async () => {
    const big = await fetch(`${runtime.url}/session`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.1' },
      body: JSON.stringify({ displayName: 'x'.repeat(5000) }),
    })
    expect(big.status).toBe(413)
    expect((await big.json()).error).toBe('payload_too_large')
  })

  test("the request log has one JSON line per request with method, path, status and the caller's request id", async () => {
    await fetch(`${runtime.url}/health/live`, { headers: { 'x-request-id': 'trace-abc-123' } })
    // Log lines leave once per event-loop turn, so the line may follow the answer by a moment.
    const output = await eventually(
      async () => runtime.output(),
      (text) => text.includes('trace-abc-123'),
    )
    const line = output.split('\n').find((l) => l.includes('trace-abc-123'))
    expect(JSON.parse(line!)).toMatchObject({ level: 'info', method: 'GET', path: '/health/live', status: 200, requestId: 'trace-abc-123' })
  })
})

describe('rate limits', () => {
  let runtime: RunningRuntime
  let redis: RedisHandle
  beforeAll(async () => {
    // A Redis of its own, so no other test's requests count against this client.
    redis = await startRedis({ port: await freePort() })
    runtime = await startRuntime(useServices(), { RATE_LIMIT_MAX: '5', REDIS_URL: redis.url })
  })
  afterAll(async () => {
    await runtime?.stop()
    await redis?.stop()
  })

  test('after the limit a client gets 429 with Retry-After; health probes are not limited', async () => {
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${runtime.url}/session`)
      statuses.push(response.status)
      if (response.status === 429) retryAfter = response.headers.get('retry-after')
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
    expect(Number(retryAfter)).toBeGreaterThan(0)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
    expect((await fetch(`${runtime.url}/health/live`)).status).toBe(200)
  })
})
