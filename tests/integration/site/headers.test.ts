import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { freePort } from '../../../native/free-port.ts'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import { ApiClient, type ApiResponse } from '../../../native/api-client.ts'
import { createTally, recordFigure } from '../../support/figures.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'
import { launchChromium } from './support/browser.ts'
import { takeCspViolations, type CspViolation } from './support/csp-watch.ts'

// The site alone (no Caddy in front), as `npm start` runs it or as the container is reached directly.
let stack: ApiStack
let site: RunningSite
let browser: Browser
const livekitUrl = 'wss://rtc.meet.example'
const downloadUrl = 'https://objects.meet.example'
const tally = createTally()

const pageHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
}

/** The policy as directive → sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name, sources)
  }
  return directives
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
// A JSON data block (the room's messages, src/i18n/ClientMessages.astro) is never run: script-src does not apply to it.
const inline = (html: string, tag: 'script' | 'style') =>
  [...html.matchAll(new RegExp(`<${tag}(?![^>]*\\bsrc=)(?![^>]*type="application/json")[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))]
    .map((match) => match[1])
    .filter((text) => text.length > 0)

beforeAll(async () => {
  const sitePort = await freePort()
  ;[stack] = await Promise.all([
    startApiStack({ PUBLIC_URL: `http://127.0.0.1:${sitePort}`, LIVEKIT_PUBLIC_URL: livekitUrl, S3_PUBLIC_ENDPOINT: downloadUrl }),
    ensureSiteBuilt(),
  ])
  site = await startSite(stack.runtime, sitePort)
  const host = new ApiClient(`${site.url}/api`)
  await host.post('/meetings', { roomName: 'header-check' })
  browser = await launchChromium()
}, 180_000)
afterAll(async () => {
  await recordFigure('probe-headers', {
    area: 'Probed from outside',
    probe: 'headers',
    scenario:
      'every site page (home, pre-join/room, recordings, status, unknown meeting, 404) and form endpoint served by the site alone, without Caddy; token and session answers of the API, direct and through /api',
    checked:
      'a CSP with scripts and styles from self plus hashes of every inline one, LiveKit and the download origin allowed, objects, bases, forms and framing locked; nosniff, DENY, referrer and permissions policy, COOP; Cache-Control no-store wherever a token, a session or a cookie is answered',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
  })
  await browser?.close()
  await site?.stop()
  await stack?.stop()
})

describe('security headers of the site on its own', () => {
  const pages = {
    home: '/',
    'pre-join and room': '/rooms/header-check',
    recordings: '/rooms/header-check/recordings',
    status: '/status',
    'unknown meeting': '/rooms/no-such-meeting',
    '404': '/no/such/page',
  }

  test.each(Object.entries(pages))('%s sends a CSP that allows only what the page uses, and the other headers', async (_, path) => {
    const response = await fetch(site.url + path)
    const html = await response.text()
    expect(tally.count(Object.entries(pageHeaders).every(([name, value]) => response.headers.get(name) === value))).toBe(true)
    expect(Object.fromEntries(response.headers)).toMatchObject(pageHeaders)

    const csp = parseCsp(response.headers.get('content-security-policy'))
    const fixed = { 'default-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'self'"], 'form-action': ["'self'"], 'frame-ancestors': ["'none'"] }
    expect(Object.fromEntries([...csp].filter(([name]) => name in fixed))).toEqual(fixed)
    expect(csp.get('connect-src')).toEqual(["'self'", 'wss://rtc.meet.example', 'https://rtc.meet.example'])
    expect(csp.get('media-src')).toEqual(["'self'", downloadUrl])
    for (const directive of ['script-src', 'style-src']) {
      expect(csp.get(directive)?.[0]).toBe("'self'")
      expect(csp.get(directive)).not.toEqual(expect.arrayContaining(["'unsafe-inline'"]))
      expect(csp.get(directive)).not.toEqual(expect.arrayContaining(["'unsafe-eval'"]))
    }
    // Whatever the page inlines is allowed by its hash, nothing else.
    for (const script of inline(html, 'script')) expect(csp.get('script-src')).toContain(sha256(script))
    for (const style of inline(html, 'style')) expect(csp.get('style-src')).toContain(sha256(style))
    // Workers and WebAssembly only where a meeting runs: livekit-client's E2EE worker from the site
    // itself, MediaPipe and RNNoise compiling wasm; never 'unsafe-eval', never blob: or another origin.
    const meeting = path === pages['pre-join and room']
    expect(csp.get('worker-src')).toEqual(meeting ? ["'self'"] : ["'none'"])
    expect(csp.get('script-src')!.includes("'wasm-unsafe-eval'")).toBe(meeting)
  })

  test('the form endpoints answer with the same headers', async () => {
    const forms = [
      fetch(`${site.url}/new`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: site.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'roomName=form-check',
      }),
      fetch(`${site.url}/join?room=header-check`, { redirect: 'manual' }),
    ]
    for (const response of await Promise.all(forms)) {
      expect(tally.count(response.status === 303)).toBe(true)
      expect(Object.fromEntries(response.headers)).toMatchObject(pageHeaders)
    }
  })

  test('an answer that starts a session (Set-Cookie) may not be stored by any cache; reading a page starts none', async () => {
    expect((await fetch(`${site.url}/rooms/header-check`)).headers.getSetCookie()).toEqual([])
    const response = await fetch(`${site.url}/new`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: site.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'roomName=header-cookie',
    })
    expect(response.headers.getSetCookie().length).toBeGreaterThan(0)
    expect(tally.count(response.headers.get('cache-control') === 'no-store')).toBe(true)
  })

  test('the /api forwarder keeps the runtime’s own stricter headers instead of the page set', async () => {
    const response = await fetch(`${site.url}/api/health/live`)
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  })

  test('the page watcher of the browser tests catches a violation (so their silence means something)', async () => {
    const page = await browser.newPage()
    await page.goto(site.url)
    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.injected = true'
      document.body.append(script)
    })
    await expect.poll(() => page.evaluate(() => 'injected' in window)).toBe(false)
    // Both ways of hearing about it: the page's securitypolicyviolation event and Chromium's console line.
    const seen: CspViolation[] = []
    await expect
      .poll(
        () => {
          seen.push(...takeCspViolations())
          return new Set(seen.map((violation) => violation.how))
        },
        { timeout: 5_000 },
      )
      .toEqual(new Set(['securitypolicyviolation', 'console']))
    await page.close()
  })
})

describe('API answers that carry a token or a session', () => {
  test.each([
    ['the runtime', () => stack.runtime.url],
    ['the site’s /api', () => `${site.url}/api`],
  ])('are never stored by a cache (%s)', async (_, base) => {
    const visitor = new ApiClient(base())
    const answers: Record<string, ApiResponse> = {
      'GET /session': await visitor.get('/session'),
      'PUT /session': await visitor.put('/session', { displayName: 'Ada' }),
      'POST /meetings': await visitor.post('/meetings', {}),
    }
    const roomName = answers['POST /meetings'].body.meeting.roomName
    Object.assign(answers, {
      'POST /token': await visitor.post('/token', { roomName }),
      'GET /meetings': await visitor.get('/meetings'),
    })
    for (const [label, answer] of Object.entries(answers)) {
      expect(answer.status, label).toBeLessThan(300)
      expect(tally.count(answer.headers.get('cache-control') === 'no-store'), `${label}: ${answer.headers.get('cache-control')}`).toBe(true)
    }
    expect(answers['POST /token'].body.participantToken).toEqual(expect.any(String))
  })
})
