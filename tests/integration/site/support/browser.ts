import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { launchChromium as launch, viewports } from '../../../../native/chromium.ts'
import { watchCsp } from './csp-watch.ts'

export { viewports }

/** Chromium (native/chromium.ts) whose every page reports Content-Security-Policy violations: each test fails on any (csp-watch.ts). */
export const launchChromium = async (options?: Parameters<typeof launch>[0]): Promise<Browser> => watchCsp(await launch(options))

const screenshotDir = new URL('../../../../test-results/screenshots/', import.meta.url).pathname

/** A full-page PNG per viewport, under test-results/screenshots/, restoring the page's size after. */
export async function screenshots(page: Page, name: string) {
  await mkdir(screenshotDir, { recursive: true })
  const original = page.viewportSize()
  for (const [size, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport)
    // Let the grid's ResizeObserver lay tiles out for the new size.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    await page.screenshot({ path: `${screenshotDir}${name}-${size}.png` })
  }
  if (original) await page.setViewportSize(original)
}
