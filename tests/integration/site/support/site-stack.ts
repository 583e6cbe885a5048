import type { Browser } from 'playwright-core'
import { freePort } from '../../../../native/free-port.ts'
import { ensureSiteBuilt, startSite, type RunningSite } from '../../../../native/site.ts'
import { startApiStack, type ApiStack } from '../../../support/api-stack.ts'
import { launchChromium } from './browser.ts'

export interface SiteStack {
  stack: ApiStack
  site: RunningSite
  browser: Browser
}

/**
 * The built site in front of a runtime and LiveKit of its own, and a Chromium to visit it. The
 * runtime only answers browsers from its public origin: PUBLIC_URL is the site's.
 */
export async function startSiteStack(): Promise<SiteStack> {
  const sitePort = await freePort()
  const [stack] = await Promise.all([startApiStack({ PUBLIC_URL: `http://127.0.0.1:${sitePort}` }), ensureSiteBuilt()])
  const site = await startSite(stack.runtime, sitePort)
  return { stack, site, browser: await launchChromium() }
}

/** Stops what `startSiteStack` started, as far as it got. */
export async function stopSiteStack({ stack, site, browser }: Partial<SiteStack>): Promise<void> {
  await browser?.close()
  await site?.stop()
  await stack?.stop()
}
