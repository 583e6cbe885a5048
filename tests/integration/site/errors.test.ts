import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { freePort } from '../../../native/free-port.ts'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'
import { launchChromium, screenshots, viewports } from './support/browser.ts'
import { cameraTile, joinAs } from './support/meeting-page.ts'

// What a person reads when something is wrong: unknown or ended meetings, a blocked camera, no server.
let stack: ApiStack
let site: RunningSite
let siteWithoutRuntime: RunningSite
let browser: Browser
let deniedBrowser: Browser
let page: Page

beforeAll(async () => {
  const sitePort = await freePort()
  ;[stack] = await Promise.all([startApiStack({ PUBLIC_URL: `http://127.0.0.1:${sitePort}` }), ensureSiteBuilt()])
  site = await startSite(stack.runtime, sitePort)
  // Nothing listens on this port: the runtime is "down".
  siteWithoutRuntime = await startSite(`http://127.0.0.1:${await freePort()}`, await freePort())
  ;[browser, deniedBrowser] = await Promise.all([launchChromium(), launchChromium({ media: 'denied' })])
  page = await browser.newPage({ viewport: viewports.desktop })
}, 180_000)
afterAll(async () => {
  await Promise.all([browser?.close(), deniedBrowser?.close()])
  await Promise.all([site?.stop(), siteWithoutRuntime?.stop()])
  await stack?.stop()
})

describe('clear errors', () => {
  test('an unknown meeting says so with a 404 and offers to start it', async () => {
    const response = await page.goto(`${site.url}/rooms/no-such-meeting`)
    expect(response?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Meeting not found')
    await screenshots(page, 'meeting-not-found')
    await page.click('text=Start “no-such-meeting”')
    await page.waitForURL(`${site.url}/rooms/no-such-meeting`)
    expect(await page.locator('#prejoin-title').textContent()).toBe('no-such-meeting')
  })

  test('a taken name and an unreadable link are explained on the home page', async () => {
    await page.goto(site.url)
    await page.fill('#new-room', 'no-such-meeting')
    await page.click('text=Start meeting')
    expect(await page.locator('[role="alert"]').textContent()).toContain('“no-such-meeting” is already taken')
    await page.fill('#join-room', 'not a link!')
    await page.click('button:text("Join")')
    expect(await page.locator('[role="alert"]').textContent()).toContain('is not a meeting name or link')
    // Only known error codes are shown: a crafted link cannot write on the page.
    await page.goto(`${site.url}/?error=Your+account+is+locked,+call+555-0100`)
    expect(await page.locator('[role="alert"]').count()).toBe(0)
    await page.fill('#join-room', `${site.url}/rooms/no-such-meeting?from=mail`)
    await page.click('button:text("Join")')
    await page.waitForURL(`${site.url}/rooms/no-such-meeting`)
  })

  test('a blocked camera and microphone are explained, and joining still works', async () => {
    const denied = await deniedBrowser.newPage({ viewport: viewports.desktop })
    await denied.goto(`${site.url}/rooms/no-such-meeting`)
    await denied.locator('#media-error', { hasText: 'Your browser blocked the camera and microphone' }).waitFor()
    await denied.locator('#preview-camera[aria-pressed="false"]').waitFor()
    await screenshots(denied, 'prejoin-camera-denied')
    await joinAs(denied, 'Lin')
    expect(await cameraTile(denied, 'Lin (you)').getAttribute('data-camera')).toBe('off')
    await screenshots(denied, 'room-camera-denied')
    await denied.close()
  })

  test('the status page reads /health for a person', async () => {
    await page.goto(`${site.url}/status`)
    expect(await page.locator('.overall').textContent()).toBe('All systems working')
    expect(await page.locator('.checks li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Media server (LiveKit)Working')]))
    await screenshots(page, 'status')
  })

  test('without the API server, pages say it is unreachable instead of failing', async () => {
    const meeting = await page.goto(`${siteWithoutRuntime.url}/rooms/any-meeting`)
    expect(meeting?.status()).toBe(503)
    expect(await page.locator('h1').textContent()).toBe('The meeting server is not reachable')
    await page.goto(`${siteWithoutRuntime.url}/status`)
    expect(await page.locator('.overall').textContent()).toBe('The service is down')
    await page.goto(siteWithoutRuntime.url)
    await page.click('text=Start meeting')
    expect(await page.locator('[role="alert"]').textContent()).toContain('not reachable')
    const api = await fetch(`${siteWithoutRuntime.url}/api/health`)
    expect(api.status).toBe(503)
    expect(await api.json()).toMatchObject({ error: 'service_unavailable' })
  })
})
