import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { freePort } from '../../../native/free-port.ts'
import { startRedis, type RedisHandle } from '../../../native/redis.ts'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'
import { startCaddy, type RunningCaddy } from './support/caddy.ts'
import { launchChromium, viewports } from './support/browser.ts'
import { joinAs, waitForVideo } from './support/meeting-page.ts'

// The production topology: Caddy (Caddyfile.local, HTTPS) routes /api to the runtime, /rtc to
// LiveKit and the rest to the site, which then sees http:// requests forwarded for https:// pages.
let redis: RedisHandle
let stack: ApiStack
let site: RunningSite
let caddy: RunningCaddy
let browser: Browser
let host: Page
let guest: Page

beforeAll(async () => {
  const [httpsPort, sitePort] = [await freePort(), await freePort()]
  const publicUrl = `https://localhost:${httpsPort}`
  // A Redis of its own and a day-long window: the rate-limit count below is this file's alone.
  redis = await startRedis({ port: await freePort() })
  const limits = { REDIS_URL: redis.url, RATE_LIMIT_MAX: '60', RATE_LIMIT_WINDOW_SECONDS: '86400' }
  ;[stack] = await Promise.all([
    startApiStack({ PUBLIC_URL: publicUrl, LIVEKIT_PUBLIC_URL: `wss://localhost:${httpsPort}`, TRUST_PROXY_HOPS: '1', ...limits }),
    ensureSiteBuilt(),
  ])
  // Caddy passes the browser's Host through and appends to X-Forwarded-For: one trusted hop.
  site = await startSite(stack.runtime, sitePort, { PUBLIC_URL: publicUrl, TRUST_PROXY_HOPS: '1' })
  caddy = await startCaddy(httpsPort, {
    runtime: new URL(stack.runtime.url).host,
    livekit: new URL(stack.livekit.httpUrl).host,
    site: `127.0.0.1:${sitePort}`,
  })
  browser = await launchChromium({ extraArgs: ['--ignore-certificate-errors'] })
  host = await browser.newPage({ viewport: viewports.desktop })
  guest = await (await browser.newContext({ viewport: viewports.desktop })).newPage()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await caddy?.stop()
  await site?.stop()
  await stack?.stop()
  await redis?.stop()
})

describe('the site behind Caddy over HTTPS', () => {
  test('the home page form starts a meeting (the origin check sees https like the browser)', async () => {
    await host.goto(caddy.url)
    await host.click('text=Start meeting')
    await host.locator('#prejoin-title').waitFor()
    expect(new URL(host.url()).pathname).toMatch(/^\/rooms\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/)
  })

  test('two people meet with the token from /api and LiveKit signalling through wss://…/rtc', async () => {
    await joinAs(host, 'Ada')
    await guest.goto(host.url())
    await joinAs(guest, 'Grace')
    await waitForVideo(host, 'Grace')
    await waitForVideo(guest, 'Ada')
  })

  test('the status page reads the runtime through the site', async () => {
    await host.goto(`${caddy.url}/status`)
    expect(await host.locator('.overall').textContent()).toBe('All systems working')
  })

  test('a visitor cannot pick their own address: invented X-Forwarded-For values still share one rate limit', async () => {
    const statuses = await host.evaluate(async () => {
      const seen: number[] = []
      for (let i = 0; i < 70; i++) {
        const response = await fetch(`/rooms/nobody-here`, { headers: { 'x-forwarded-for': `203.0.113.${i}` } })
        seen.push(response.status)
      }
      return seen
    })
    expect(statuses).toContain(404)
    expect(statuses.at(-1)).toBe(429)
  })
})
