import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { recordFigure } from '../../support/figures.ts'
import { startRedis, type RedisHandle } from '../../../native/redis.ts'
import { freePort } from '../../../native/free-port.ts'

const API_MAX = 30
const TOKEN_MAX = 6
let redis: RedisHandle
let instances: RunningRuntime[]

beforeAll(async () => {
  // A Redis of its own: only this file's clients count. A day-long window keeps the whole test in one window.
  redis = await startRedis({ port: await freePort() })
  const limits = {
    REDIS_URL: redis.url,
    TRUST_PROXY_HOPS: '1',
    RATE_LIMIT_MAX: String(API_MAX),
    RATE_LIMIT_TOKEN_MAX: String(TOKEN_MAX),
    RATE_LIMIT_WINDOW_SECONDS: '86400',
  }
  const first = await startRuntime(useServices(), limits)
  // The second instance serves the same database, as two replicas behind one proxy would.
  instances = [first, await startRuntime(useServices(), { ...limits, DATABASE_URL: first.databaseUrl })]
})
afterAll(async () => {
  await Promise.all(instances?.map((runtime) => runtime.stop()) ?? [])
  await redis?.stop()
})

/** `count` requests from one client address, spread over both instances, all at once. */
async function burst(address: string, count: number, path: string) {
  const statuses = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      new ApiClient(instances[i % 2].url)
        .request('GET', path, undefined, { 'x-forwarded-for': address })
        .then((r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: r.body })),
    ),
  )
  return { ok: statuses.filter((s) => s.status !== 429).length, limited: statuses.filter((s) => s.status === 429), all: statuses }
}

describe('rate limits under concurrent load, across two runtime instances on one Redis', () => {
  test('each client gets exactly its quota in all, whichever instance answers; other clients are unaffected', async () => {
    const owner = new ApiClient(instances[0].url)
    expect((await owner.request('POST', '/meetings', { roomName: 'limited-room' }, { 'x-forwarded-for': '10.9.9.9' })).status).toBe(201)
    const clients = ['10.1.0.1', '10.1.0.2', '10.1.0.3', '2001:db8::7']
    const api = await Promise.all(clients.map((address) => burst(address, API_MAX + 20, '/session')))
    const token = await Promise.all(clients.map((address) => burst(address, TOKEN_MAX + 10, '/token?roomName=limited-room')))

    let requests = 0
    let errors = 0
    for (const result of [...api, ...token]) {
      requests += result.all.length
      errors += result.all.filter((s) => s.status >= 500).length
    }
    await recordFigure('load-rate-limits', {
      area: 'Load',
      scenario: `${clients.length} clients (own X-Forwarded-For) bursting at 2 runtime instances sharing one Redis`,
      checked: `exactly ${API_MAX} API and ${TOKEN_MAX} token requests per client per window in all; the rest 429 with Retry-After; tiers separate`,
      requests,
      errors,
      rowsLost: 0,
      notes: `429s: ${[...api, ...token].reduce((n, r) => n + r.limited.length, 0)}; admitted per client: API ${api.map((r) => r.ok).join('/')}, token ${token.map((r) => r.ok).join('/')}`,
    })

    expect(errors).toBe(0)
    for (const result of api) {
      expect(result.ok).toBe(API_MAX)
      expect(result.limited).toHaveLength(20)
      for (const limited of result.limited) {
        expect(limited.body).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/^Too many requests; try again in \d+ s$/) })
        expect(Number(limited.retryAfter)).toBeGreaterThan(0)
      }
    }
    // The token tier has its own, smaller quota, untouched by the API burst above.
    for (const result of token) {
      expect(result.ok).toBe(TOKEN_MAX)
      expect(result.all.filter((s) => s.status === 200)).toHaveLength(TOKEN_MAX)
      expect(result.limited).toHaveLength(10)
    }
    // A client that has not called yet still gets through on either instance; health probes are never limited.
    expect((await new ApiClient(instances[1].url).request('GET', '/session', undefined, { 'x-forwarded-for': '10.1.0.99' })).status).toBe(200)
    expect((await new ApiClient(instances[1].url).request('GET', '/health/live', undefined, { 'x-forwarded-for': '10.1.0.1' })).status).toBe(200)
  })
})
