import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { freePort } from '../../../native/free-port.ts'
import { startLivekit, type LivekitHandle, type LivekitOptions } from '../../../native/livekit.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'
import { launchChromium, viewports } from './support/browser.ts'
import { joinAs, waitForVideo } from './support/meeting-page.ts'

// A LiveKit server of this file's own, stopped and started again on the same ports mid-meeting.
let livekitOptions: LivekitOptions
let livekit: LivekitHandle
let runtime: RunningRuntime
let site: RunningSite
let browser: Browser
let page: Page

beforeAll(async () => {
  const services = useServices()
  const udpStart = 30000 + Math.floor(Math.random() * 50) * 100
  livekitOptions = {
    port: await freePort(),
    rtcTcpPort: await freePort(),
    udpPortRange: { start: udpStart, end: udpStart + 99 },
    keys: { key: services.livekitKey, secret: services.livekitSecret },
    configDir: await mkdtemp(join(tmpdir(), 'meet-site-livekit-')),
  }
  livekit = await startLivekit(livekitOptions)
  const sitePort = await freePort()
  ;[runtime] = await Promise.all([startRuntime(services, { LIVEKIT_URL: livekit.httpUrl, PUBLIC_URL: `http://127.0.0.1:${sitePort}` }), ensureSiteBuilt()])
  site = await startSite(runtime, sitePort)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: viewports.desktop })
  await page.goto(site.url)
  await page.click('text=Start meeting')
  await joinAs(page, 'Ada')
  await waitForVideo(page, 'Ada (you)')
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await site?.stop()
  await runtime?.stop()
  await livekit?.stop()
})

describe('connection to the media server', () => {
  test('while LiveKit is away the room says it is reconnecting, and it recovers when LiveKit is back', async () => {
    await livekit.stop()
    await page.locator('#reconnecting').waitFor({ state: 'visible', timeout: 30_000 })
    livekit = await startLivekit(livekitOptions)
    await page.locator('#reconnecting').waitFor({ state: 'hidden', timeout: 60_000 })
    await waitForVideo(page, 'Ada (you)')
    expect(await page.locator('#room').isVisible()).toBe(true)
  }, 120_000)

  test('when LiveKit does not come back, the person is told the connection was lost and can rejoin', async () => {
    await livekit.stop()
    await page.locator('#left-title', { hasText: 'Connection lost' }).waitFor({ timeout: 110_000 })
    expect(await page.locator('#rejoin').isVisible()).toBe(true)
  }, 120_000)
})
