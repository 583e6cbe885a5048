import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { sendRaw } from '../../support/raw-http.ts'
import { recordFigure } from '../../support/figures.ts'
import { startRedis, type RedisHandle } from '../../../native/redis.ts'
import { freePort } from '../../../native/free-port.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'

// An outsider reaching the runtime or the site directly, writing X-Forwarded-For and Host as it likes.
const MAX = 10
let redis: RedisHandle
let directRedis: RedisHandle
let direct: RunningRuntime
let behindProxy: RunningRuntime
let site: RunningSite
let siteBehindProxy: RunningSite
const figures = { requests: 0, errors: 0, escaped: 0 }

beforeAll(async () => {
  // A Redis of its own: the shared one counts every test runtime's 127.0.0.1 under one key.
  ;[redis, directRedis] = await Promise.all([startRedis({ port: await freePort() }), startRedis({ port: await freePort() })])
  const limits = { RATE_LIMIT_MAX: String(MAX), RATE_LIMIT_TOKEN_MAX: String(MAX), RATE_LIMIT_WINDOW_SECONDS: '86400' }
  const [sitePort, proxiedSitePort] = [await freePort(), await freePort()]
  ;[direct, behindProxy] = await Promise.all([
    startRuntime(useServices(), { ...limits, REDIS_URL: directRedis.url }),
    // As compose.yaml and npm start run it: one proxy (the site or Caddy) in front.
    startRuntime(useServices(), { ...limits, REDIS_URL: redis.url, TRUST_PROXY_HOPS: '1', PUBLIC_URL: `http://127.0.0.1:${sitePort}` }),
    ensureSiteBuilt(),
  ])
  // The site as npm start runs it (browsers reach it directly), and as behind Caddy (one hop).
  site = await startSite(behindProxy.url, sitePort)
  siteBehindProxy = await startSite(behindProxy.url, proxiedSitePort, { TRUST_PROXY_HOPS: '1' })
}, 180_000)
afterAll(async () => {
  await recordFigure('probe-forwarded-addresses', {
    area: 'Probed from outside',
    probe: 'forwarded addresses',
    scenario: `rotating X-Forwarded-For (IPv4, IPv6, junk) directly at the runtime and at the site; many IPv6 addresses of one /64; foreign Host and X-Forwarded-Host at the site`,
    checked: `exactly ${MAX} requests per client whatever the header says; only the entry TRUST_PROXY_HOPS from the right counts; one limit per IPv6 /64; the site answers only for PUBLIC_URL's host`,
    requests: figures.requests,
    errors: figures.errors,
    rowsLost: 0,
    notes: `requests admitted beyond a client's limit: ${figures.escaped}`,
  })
  await Promise.all([site?.stop(), siteBehindProxy?.stop()])
  await Promise.all([direct?.stop(), behindProxy?.stop()])
  await Promise.all([redis?.stop(), directRedis?.stop()])
})

let serial = 0
const rotating = () => {
  serial++
  return [`203.0.113.${serial % 250}`, `2001:db8:${serial.toString(16)}::1`, `x${serial}`, `10.${serial % 250}.0.1, 10.0.0.${serial % 250}`][serial % 4]
}

/** `count` GETs of `path`, one at a time, each with the headers `headers(i)` gives; the statuses. */
async function send(baseUrl: string, path: string, count: number, headers: (i: number) => Record<string, string>) {
  const statuses: number[] = []
  for (let i = 0; i < count; i++) {
    const response = await fetch(baseUrl + path, { headers: headers(i), redirect: 'manual' })
    await response.arrayBuffer()
    statuses.push(response.status)
  }
  figures.requests += count
  figures.errors += statuses.filter((status) => status >= 500).length
  return statuses
}

/** Of `statuses` (MAX + extra requests from one client), how many got past the limit. */
function escaped(statuses: number[]) {
  const over = statuses.slice(MAX).filter((status) => status !== 429).length
  figures.escaped += over
  return over
}

describe('forwarded addresses cannot be chosen by the client', () => {
  test("at the runtime without a proxy: a rotating X-Forwarded-For still shares the connection's limit", async () => {
    const statuses = await send(direct.url, '/session', MAX + 5, () => ({ 'x-forwarded-for': rotating() }))
    expect(statuses.slice(0, MAX)).toEqual(Array(MAX).fill(200))
    expect(escaped(statuses)).toBe(0)
  })

  test('at the runtime behind one proxy: the right-most entry is the client; what is left of it does not count', async () => {
    const statuses = await send(behindProxy.url, '/session', MAX + 5, () => ({ 'x-forwarded-for': `${rotating()}, 198.51.100.1` }))
    expect(escaped(statuses)).toBe(0)
    // The proxy's entry does tell clients apart: another right-most address has its own limit.
    expect(await send(behindProxy.url, '/session', 1, () => ({ 'x-forwarded-for': '198.51.100.1, 198.51.100.2' }))).toEqual([200])
  })

  test('IPv6 clients count per /64: rotating the interface bits does not escape', async () => {
    const statuses = await send(behindProxy.url, '/session', MAX + 5, (i) => ({ 'x-forwarded-for': `2001:db8:aa:bb:${(i + 1).toString(16)}::${i}` }))
    expect(escaped(statuses)).toBe(0)
    expect(await send(behindProxy.url, '/session', 1, () => ({ 'x-forwarded-for': '2001:db8:aa:bc::1' }))).toEqual([200])
    // An IPv4-mapped address counts as the IPv4 address.
    await send(behindProxy.url, '/session', MAX, () => ({ 'x-forwarded-for': '198.51.100.50' }))
    expect(await send(behindProxy.url, '/session', 1, () => ({ 'x-forwarded-for': '::ffff:198.51.100.50' }))).toEqual([429])
  })

  test('at the site reached directly: a rotating X-Forwarded-For does not escape the limit, on pages or /api', async () => {
    const api = await send(site.url, '/api/session', MAX + 5, () => ({ 'x-forwarded-for': rotating() }))
    expect(api.slice(0, MAX)).toEqual(Array(MAX).fill(200))
    expect(escaped(api)).toBe(0)
    const pages = await send(site.url, '/rooms/nobody-here', 3, () => ({ 'x-forwarded-for': rotating() }))
    expect(pages).toEqual([429, 429, 429])
  })

  test('at the site behind one proxy: the right-most entry is the client', async () => {
    const statuses = await send(siteBehindProxy.url, '/api/session', MAX + 5, () => ({ 'x-forwarded-for': `${rotating()}, 198.51.100.9` }))
    expect(escaped(statuses)).toBe(0)
    expect(await send(siteBehindProxy.url, '/api/session', 1, () => ({ 'x-forwarded-for': '198.51.100.9, 198.51.100.10' }))).toEqual([200])
  })

  test("the site answers only for PUBLIC_URL's host; a foreign X-Forwarded-Host builds no URL", async () => {
    const { port } = new URL(site.url)
    for (const host of ['evil.example', `localhost:${port}`, `127.0.0.1:${Number(port) + 1}`, 'evil.example:80']) {
      for (const path of ['/', '/api/session', '/rooms/nobody-here', '/status']) {
        const response = await sendRaw(site.url, 'GET', path, { headers: { host } })
        figures.requests++
        expect(response?.status, `${host} ${path}`).toBe(421)
        expect(response?.text).toContain(site.url)
      }
    }
    // A form posted from another origin that names itself in X-Forwarded-Host is still cross-site.
    const posted = await sendRaw(site.url, 'POST', '/new', {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-for': '198.51.100.77',
      },
      body: 'roomName=planted-room',
    })
    figures.requests++
    expect(posted?.status).toBe(403)
    expect((await new ApiClient(behindProxy.url).request('GET', '/meetings/planted-room', undefined, { 'x-forwarded-for': '198.51.100.78' })).status).toBe(404)
  })
})
