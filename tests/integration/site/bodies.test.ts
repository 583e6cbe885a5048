import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { sendBody, type BodyShape } from '../../support/body-probes.ts'
import { createTally, recordFigure } from '../../support/figures.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { useServices } from '../../support/services.ts'
import { ensureSiteBuilt, startSite, type RunningSite } from '../../../native/site.ts'

// Issue 11, finding 4: the site held whole request bodies in memory (Astro accepts 1 GiB) before
// the runtime's limit applied, turned the runtime's 413 into "not reachable", and copied an
// unbounded meeting name into a Location header.
const RUNTIME_LIMIT = 64 * 1024
const SITE_LIMIT = 1024 * 1024
// Under the 64 MiB the site reads into nothing after refusing a body, so the 413 always arrives.
const LARGE = 60 * 1024 * 1024
/**
 * What the site's memory may grow by while refusing it: the chunks it read and dropped stay until
 * V8 collects them (55-81 MiB measured for this body), but it never holds the body whole (the code
 * before the fix grew by 333 MiB).
 */
const RSS_MARGIN = 150 * 1024 * 1024

let runtime: RunningRuntime
let site: RunningSite
const tally = createTally()
const notes: string[] = []

beforeAll(async () => {
  const sitePort = await freePort()
  ;[runtime] = await Promise.all([
    startRuntime(useServices(), { PUBLIC_URL: `http://127.0.0.1:${sitePort}`, BODY_LIMIT_BYTES: String(RUNTIME_LIMIT) }),
    ensureSiteBuilt(),
  ])
  site = await startSite(runtime.url, sitePort, { BODY_LIMIT_BYTES: String(SITE_LIMIT) })
}, 180_000)
afterAll(async () => {
  await recordFigure('probe-body-sizes-site', {
    area: 'Probed from outside',
    probe: 'body sizes',
    scenario: `through the site: ${LARGE / 2 ** 20} MiB bodies (chunked and with a length) over its ${SITE_LIMIT / 2 ** 20} MiB limit, a body over the runtime's own limit, a 100 kB meeting name on /new and /join`,
    checked:
      "413 with { error: 'payload_too_large' } from the site, the runtime's 413 passed through unchanged, the site's memory bounded, names in redirects bounded",
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: notes.join('; '),
  })
  await site?.stop()
  await runtime?.stop()
})

async function memoryOf(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024
  return { rss: kib('VmRSS'), peak: kib('VmHWM') }
}

describe("the site's /api proxy and forms bound request bodies", () => {
  test.each<BodyShape>(['chunked', 'long-length'])(
    'a %s body many times the limit: 413 with the error shape, memory bounded',
    async (shape) => {
      await fetch(`${site.url}/api/health/live`) // warm: the first request loads the route's code
      const before = await memoryOf(site.pid)
      const answer = await sendBody(site.url, 'POST', '/api/meetings', shape, LARGE, { timeoutMs: 30_000 })
      const after = await memoryOf(site.pid)
      notes.push(`${shape}: peak RSS +${((after.peak - before.peak) / 2 ** 20).toFixed(1)} MiB, RSS +${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MiB`)
      tally.count(answer.status === 413 && after.peak - before.peak < RSS_MARGIN)
      expect(answer.status, answer.text).toBe(413)
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining(String(SITE_LIMIT)) })
      expect(after.peak - before.peak).toBeLessThan(RSS_MARGIN)
      expect(after.rss - before.rss).toBeLessThan(RSS_MARGIN)
    },
    60_000,
  )

  test.each<BodyShape>(['chunked', 'long-length'])(
    "a %s body over the runtime's limit but not the site's: the runtime's 413 reaches the browser unchanged",
    async (shape) => {
      const answer = await sendBody(site.url, 'POST', '/api/meetings', shape, RUNTIME_LIMIT * 4)
      tally.count(answer.status === 413)
      expect(answer.status, answer.text).toBe(413)
      expect(JSON.parse(answer.text)).toEqual({ error: 'payload_too_large', message: `The request body is larger than the limit of ${RUNTIME_LIMIT} bytes` })
    },
  )

  test('a body within both limits still goes through', async () => {
    const created = await fetch(`${site.url}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomName: 'body-sizes' }),
    })
    tally.count(created.status === 201)
    expect(created.status).toBe(201)
  })

  test('/new with a 100 kB name: a 4xx, no huge Location', async () => {
    const response = await fetch(`${site.url}/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.url },
      body: new URLSearchParams({ roomName: 'a'.repeat(100_000) }),
      redirect: 'manual',
    })
    tally.count(response.status >= 400 && response.status < 500 && !response.headers.get('location'))
    expect(response.status).toBe(413)
    expect(response.headers.get('location')).toBeNull()
    expect(await response.json()).toMatchObject({ error: 'payload_too_large' })
  })

  test('/new and /join with names that break the rule: back home, the name cut to what the page shows', async () => {
    const created = await fetch(`${site.url}/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.url },
      body: new URLSearchParams({ roomName: 'x'.repeat(1000) }),
      redirect: 'manual',
    })
    const joined = await fetch(`${site.url}/join?room=${'y'.repeat(8000)}`, { redirect: 'manual' })
    for (const response of [created, joined]) {
      const location = response.headers.get('location') ?? ''
      tally.count(response.status === 303 && location.length < 200)
      expect(response.status).toBe(303)
      expect(location).toMatch(/^\/\?error=(invalid-name|not-a-name)&name=[xy]{80}$/)
    }
  })

  test('the site logged no failure', () => {
    expect(site.output()).not.toMatch(/Could not render|Unhandled|\[ERROR\]/i)
  })
})
