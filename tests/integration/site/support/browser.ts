import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { chromium, type Browser, type Page } from 'playwright-core'
import { watchCsp } from './csp-watch.ts'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Fake camera and microphone, no prompts, nothing reaching out to Google's services.
const quietArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const fakeMedia = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']

/**
 * Debian's Chromium with a fresh profile; `media: 'denied'` leaves out the auto-accepting prompt,
 * `extraArgs` adds switches (Caddy's internal certificate needs --ignore-certificate-errors). Every
 * page it opens reports Content-Security-Policy violations, and each test fails on any (csp-watch.ts).
 */
export async function launchChromium({ media = 'granted', extraArgs = [] }: { media?: 'granted' | 'denied'; extraArgs?: string[] } = {}): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (npm run setup)`)
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...quietArgs, ...(media === 'granted' ? fakeMedia : ['--use-fake-device-for-media-stream', '--deny-permission-prompts']), ...extraArgs],
  })
  return watchCsp(browser)
}

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const

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
