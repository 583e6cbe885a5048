import { request } from 'node:https'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.ts'
import { createTally, recordFigure } from '../../support/figures.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'
import { startCaddy, type RunningCaddy } from '../site/support/caddy.ts'
import type { HealthReport } from '../../../types/api.ts'

// /health as the outside probe saw it: public, unlimited, a fan-out to four services per call and raw
// library errors in the answer. Here the real Caddy (Caddyfile.local) and the real site stand in front
// of the runtime, as in production; its Redis is this file's own, so Redis itself counts the probes
// (one PING per round) and the rate limit is this file's alone.
interface Answer {
  status: number
  headers: Headers
  text: string
}

const TOKEN = randomBytes(32).toString('hex')
const DEPENDENCY_WORDS = /database|redis|storage|livekit|latency|checks|version|uptime|reachable|ECONN|127\.0\.0\.1/i

let redis: OwnRedis
let counter: Redis
let runtime: RunningRuntime
let site: RunningSite
let caddy: RunningCaddy
const tally = createTally()
let requests = 0

async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  requests++
  const response = await fetch(url, { headers })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

// Caddy serves `localhost` with its internal CA: the name is sent, the certificate not verified.
function viaCaddy(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  requests++
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: caddy.httpsPort,
        path,
        servername: 'localhost',
        rejectUnauthorized: false,
        headers: { host: `localhost:${caddy.httpsPort}`, ...headers },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => {
          const answerHeaders = new Headers()
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') answerHeaders.set(name, value)
          resolve({ status: res.statusCode!, headers: answerHeaders, text })
        })
      },
    )
    req.on('error', reject)
    req.end()
  })
}

const probeRounds = async () => Number(/cmdstat_ping:calls=(\d+)/.exec(await counter.info('commandstats'))?.[1] ?? 0)

beforeAll(async () => {
  const [httpsPort, sitePort] = [await freePort(), await freePort()]
  redis = await startOwnRedis()
  counter = new Redis(redis.url)
  ;[runtime] = await Promise.all([
    startRuntime(useServices(), {
      REDIS_URL: redis.url,
      HEALTH_TOKEN: TOKEN,
      // A window far longer than this file: within it, one round must serve every caller.
      HEALTH_CACHE_SECONDS: '300',
      RATE_LIMIT_MAX: '150',
      RATE_LIMIT_WINDOW_SECONDS: '86400',
      TRUST_PROXY_HOPS: '1',
      PUBLIC_URL: `https://localhost:${httpsPort}`,
    }),
    ensureSiteBuilt(),
  ])
  site = await startSite(runtime.url, sitePort)
  caddy = await startCaddy(httpsPort, {
    runtime: new URL(runtime.url).host,
    livekit: new URL(useServices().livekitHttpUrl).host,
    site: `127.0.0.1:${sitePort}`,
  })
}, 240_000)

afterAll(async () => {
  await recordFigure('probed-health', {
    area: 'Probed from outside',
    probe: 'health',
    scenario:
      'GET /health through Caddy, through the site’s /api and straight at the runtime: plain, with a forged X-Forwarded-For: 127.0.0.1 or Forwarded header, with a wrong and the right operator token; 40 at once on a cold cache; until the rate limit; the status page with storage down',
    checked:
      'outsiders get only { status } (no dependency, message or version); the internal network and HEALTH_TOKEN get every check; 40 concurrent calls cost one probe round; 429 like any route while /health/live and /health/ready keep answering; the status page says why storage is down in fixed words',
    requests,
    errors: tally.breaches,
    rowsLost: 0,
  })
  await caddy?.stop()
  await site?.stop()
  await runtime?.stop()
  counter?.disconnect()
  await redis?.stop()
})

describe('/health from outside and from inside', () => {
  test('40 callers at once, outsiders and insiders, share one probe round', async () => {
    const before = await probeRounds()
    const callers = Array.from({ length: 40 }, (_, i) =>
      [
        () => get(`${runtime.url}/health`),
        () => get(`${runtime.url}/health`, { 'x-forwarded-for': '203.0.113.7' }),
        () => get(`${site.url}/api/health`),
        () => viaCaddy('/api/health'),
      ][i % 4](),
    )
    const answers = await Promise.all(callers)
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200))
    const rounds = (await probeRounds()) - before
    expect(tally.count(rounds === 1, 0), `probe rounds for 40 callers: ${rounds}`).toBe(true)
    // Everyone who got the detail got the same report.
    const reports = answers.map((a) => JSON.parse(a.text)).filter((body) => 'checks' in body) as HealthReport[]
    expect(reports.length).toBe(10)
    expect(new Set(reports.map((r) => r.checkedAt)).size).toBe(1)
  })

  test('an outsider gets the overall status only: no dependency, no message, no version', async () => {
    const outsiders: Array<[string, () => Promise<Answer>]> = [
      ['through Caddy', () => viaCaddy('/api/health')],
      ['through the site', () => get(`${site.url}/api/health`)],
      ['forwarded, claiming loopback', () => get(`${runtime.url}/health`, { 'x-forwarded-for': '127.0.0.1' })],
      ['with a Forwarded header', () => get(`${runtime.url}/health`, { forwarded: 'for=127.0.0.1' })],
      ['through Caddy, wrong token', () => viaCaddy('/api/health', { authorization: `Bearer ${'x'.repeat(64)}` })],
      ['through the site, token of another kind', () => get(`${site.url}/api/health`, { authorization: `Basic ${TOKEN}` })],
    ]
    for (const [how, call] of outsiders) {
      const answer = await call()
      expect(answer.status, how).toBe(200)
      expect(JSON.parse(answer.text), how).toEqual({ status: 'ok' })
      expect(tally.count(!DEPENDENCY_WORDS.test(answer.text)), `${how}: ${answer.text}`).toBe(true)
      expect(answer.headers.get('cache-control'), how).toBe('no-store')
      expect(answer.headers.get('ratelimit-limit'), how).toBe('150')
    }
  })

  test('the internal network and the operator token get every dependency', async () => {
    const insiders: Array<[string, () => Promise<Answer>]> = [
      ['straight from loopback', () => get(`${runtime.url}/health`)],
      ['through Caddy with the token', () => viaCaddy('/api/health', { authorization: `Bearer ${TOKEN}` })],
      ['through the site with the token', () => get(`${site.url}/api/health`, { authorization: `bearer ${TOKEN}` })],
    ]
    for (const [how, call] of insiders) {
      const answer = await call()
      const report = JSON.parse(answer.text) as HealthReport
      expect(answer.status, how).toBe(200)
      expect(report, how).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number), checkedAt: expect.any(String) })
      expect(report.checks, how).toEqual({
        database: { status: 'ok', latencyMs: expect.any(Number), essential: true },
        redis: { status: 'ok', latencyMs: expect.any(Number), essential: false },
        storage: { status: 'ok', latencyMs: expect.any(Number), essential: false },
        livekit: { status: 'ok', latencyMs: expect.any(Number), essential: false },
      })
      tally.count(true)
    }
  })

  test('rate-limited like every API route, while /health/live and /health/ready keep answering', async () => {
    let limited: Answer | undefined
    for (let i = 0; i < 200 && !limited; i++) {
      const answer = await viaCaddy('/api/health')
      if (answer.status === 429) limited = answer
      else expect(answer.status).toBe(200)
    }
    expect(tally.count(limited !== undefined), 'no 429 within 200 calls').toBe(true)
    expect(JSON.parse(limited!.text)).toMatchObject({ error: 'rate_limited' })
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await viaCaddy('/api/health/live')).status).toBe(200)
    const ready = await viaCaddy('/api/health/ready')
    expect(ready.status).toBe(200)
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready' })
  })
})

describe('the status page with a dependency down', () => {
  let degraded: RunningRuntime
  let statusSite: RunningSite
  beforeAll(async () => {
    degraded = await startRuntime(useServices(), { S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` })
    await ensureSiteBuilt()
    statusSite = await startSite(degraded.url, await freePort())
  }, 240_000)
  afterAll(async () => {
    await statusSite?.stop()
    await degraded?.stop()
  })

  test('the real site shows which dependency is down and why, in fixed words; its /api still tells outsiders the status only', async () => {
    const page = await get(`${statusSite.url}/status`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Some parts are not working')
    const cards = [...page.text.matchAll(/<li class="card"[^>]*>([\s\S]*?)<\/li>/g)].map(([, html]) => html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|'))
    const storage = cards.find((card) => card.includes('Recording storage'))
    expect(storage).toMatch(/Not working\|.*\|Not reachable\|/)
    expect(cards.find((card) => card.includes('Database'))).toContain('Working')
    // The library's own words stay in the runtime's log.
    expect(tally.count(!/ECONNREFUSED|127\.0\.0\.1:\d+|connect /.test(page.text)), 'raw error on the page').toBe(true)
    expect(degraded.output()).toMatch(/Health: storage is down: /)

    const outsider = await get(`${statusSite.url}/api/health`)
    expect(JSON.parse(outsider.text)).toEqual({ status: 'degraded' })
  })
})
