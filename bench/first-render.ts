import { freePort } from '../native/free-port.ts'
import { startSite, ensureSiteBuilt } from '../native/site.ts'
import { launchChromium } from '../native/chromium.ts'
import type { App } from './apps.ts'
import { createFixtures } from './fixtures.ts'
import { spread, type Spread } from './stats.ts'

export interface FirstRender {
  page: string
  rounds: number
  /** navigation start to first contentful paint, cold cache each round */
  firstContentfulPaintMs: Spread
  /** navigation start to the load event */
  loadMs: Spread
}

const ROUNDS = 7

/** The room page (pre-join) in Debian's Chromium, served by the built site in front of the runtime. */
export async function measureFirstRender(app: App, log: (line: string) => void): Promise<FirstRender> {
  await ensureSiteBuilt()
  const runtime = await app.start()
  const site = await startSite(runtime.url, await freePort())
  const browser = await launchChromium()
  try {
    const { roomName } = await createFixtures(runtime.url)
    const page = `/rooms/${roomName}`
    const fcp: number[] = []
    const load: number[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const context = await browser.newContext()
      const tab = await context.newPage()
      await tab.goto(site.url + page, { waitUntil: 'load' })
      await tab.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000 })
      const timing = await tab.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
      }))
      await context.close()
      if (r === 0) continue // the first round warms the site's and the browser's own caches
      fcp.push(timing.fcp)
      load.push(timing.load)
    }
    const result = { page, rounds: fcp.length, firstContentfulPaintMs: spread(fcp), loadMs: spread(load) }
    log(`room page first contentful paint ${result.firstContentfulPaintMs.median} ms, load ${result.loadMs.median} ms`)
    return result
  } finally {
    await browser.close()
    await site.stop()
    await runtime.stop()
  }
}
