import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

// Debian's Chromium driven by playwright-core: for the site's tests and the page benchmarks.

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Fake camera and microphone, no prompts, nothing reaching out to Google's services.
const quietArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const fakeMedia = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']

/**
 * A fresh profile; `media: 'denied'` leaves out the auto-accepting prompt, `extraArgs` adds
 * switches (Caddy's internal certificate needs --ignore-certificate-errors).
 */
export async function launchChromium({ media = 'granted', extraArgs = [] }: { media?: 'granted' | 'denied'; extraArgs?: string[] } = {}): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (npm run setup)`)
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...quietArgs, ...(media === 'granted' ? fakeMedia : ['--use-fake-device-for-media-stream', '--deny-permission-prompts']), ...extraArgs],
  })
}

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const
