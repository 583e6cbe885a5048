import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ApiStack } from '../../support/api-stack.ts'
import type { RunningSite } from '../../../native/site.ts'
import { startSiteStack, stopSiteStack } from './support/site-stack.ts'
import { screenshots, viewports } from './support/browser.ts'
import { joinAs, waitForVideo } from './support/meeting-page.ts'
import { tour, tourNames } from './support/tour.ts'
import { catalogs } from '../../../site/src/i18n/messages/index.ts'
import { translator } from '../../../site/src/i18n/translate.ts'
import type { Locale } from '../../../site/src/i18n/locales.ts'

// The site in every language, against the real runtime and LiveKit: the pseudo-locale finds any text
// that did not come from a catalog; Accept-Language and the switcher pick the language; the theme.
let stack: ApiStack
let site: RunningSite
let browser: Browser

beforeAll(async () => {
  ;({ stack, site, browser } = await startSiteStack())
}, 180_000)
afterAll(() => stopSiteStack({ stack, site, browser }))

// What the pages show that is not the site's own text: what people typed and named, what the browser
// and Intl write (device names, units, months), brand names.
const DATA = [
  'Meet',
  'LiveKit',
  'Redis',
  'UTC',
  'Hello Bo',
  'example.com',
  'Fake',
  'fake_device',
  'Default',
  'Audio',
  'Input',
  'Output',
  'Video',
  'Capture',
  'Virtual',
]
const INTL = /\b(bytes?|MB|KB|GB|ms|min|sec|hr|AM|PM|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g

/** Visible text and accessible names on the page that still hold English words (3+ ASCII letters). */
async function englishOn(page: Page, allowed: string[]): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const lang = document.documentElement.lang
    const visible = (element: Element | null) => Boolean(element && element.checkVisibility() && element.closest('[lang]')?.getAttribute('lang') === lang)
    const found: string[] = [document.title]
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/.test(parent.tagName) || parent.closest('select')) continue
      if (visible(parent) && node.textContent?.trim()) found.push(node.textContent.trim())
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [data-label]')) {
      if (!visible(element) && !element.closest('dialog[open]')) continue
      for (const attribute of ['aria-label', 'placeholder', 'title', 'data-label']) {
        const value = element.getAttribute(attribute)
        if (value) found.push(value)
      }
    }
    return found
  })
  return texts.filter((text) => {
    let rest = text.replace(INTL, '')
    // longest first: a name that contains another is taken out whole
    for (const word of [...allowed].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('')
    return /[A-Za-z]{3,}/.test(rest)
  })
}

describe('languages', () => {
  test('a pseudo-locale run of every page finds no hard-coded English', async () => {
    const names = tourNames('xa')
    const allowed = [...DATA, names.room, names.ended, names.host, names.guest, names.admin, names.admin.split('@')[0]!, 'no-such-meeting']
    const leftovers: string[] = []
    const stops: string[] = []
    await tour({ stack, site, browser, locale: 'en-XA', tag: 'xa' }, async (name, page) => {
      stops.push(name)
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-XA')
      for (const text of await englishOn(page, allowed)) leftovers.push(`${name}: ${text}`)
    })
    expect(stops.length).toBeGreaterThanOrEqual(15)
    expect(leftovers).toEqual([])
  }, 240_000)

  test('Accept-Language picks the language; one the site does not speak gets English', async () => {
    for (const [browserLocale, expected] of [
      ['de-DE', 'de'],
      ['fr-CA', 'fr'],
      ['es-MX', 'es'],
      ['ja-JP', 'en'],
    ] as const) {
      const context = await browser.newContext({ locale: browserLocale, viewport: viewports.desktop })
      const page = await context.newPage()
      const response = await page.goto(site.url)
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(expected)
      expect(response?.headers()['content-language']).toBe(expected)
      expect(await page.locator('h1').textContent()).toBe(catalogs[expected]['home.heading'])
      await context.close()
    }
  })

  test('the switcher changes the language, and the choice is remembered over the browser’s', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: viewports.desktop })
    const page = await context.newPage()
    await page.goto(`${site.url}/status`)
    expect(await page.locator('h1').textContent()).toBe(catalogs.de['status.heading'])
    await page.locator('.prefs summary').click()
    await page.locator('.prefs button[lang="es"]').click()
    await page.waitForURL(`${site.url}/status`)
    expect(await page.locator('h1').textContent()).toBe(catalogs.es['status.heading'])
    // Another page, a new tab: still Spanish, though the browser asks for German.
    const later = await context.newPage()
    await later.goto(site.url)
    expect(await later.evaluate(() => document.documentElement.lang)).toBe('es')
    expect(await later.locator('h1').textContent()).toBe(catalogs.es['home.heading'])
    expect((await context.cookies()).find((cookie) => cookie.name === 'meet-locale')?.value).toBe('es')
    await context.close()
  })

  test('a language the site does not speak is refused with the field named, and nothing changes', async () => {
    const response = await fetch(`${site.url}/preferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.url },
      body: 'locale=xx&returnTo=/',
    })
    expect(response.status).toBe(400)
    expect((await response.json()).details).toEqual({ field: 'locale' })
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
const DARK_BG = 'rgb(15, 17, 21)'
const LIGHT_BG = 'rgb(246, 247, 249)'

describe('themes', () => {
  test('the system’s choice by default; the switch overrides it and is remembered', async () => {
    const context = await browser.newContext({ colorScheme: 'dark', viewport: viewports.desktop })
    const page = await context.newPage()
    await page.goto(site.url)
    expect(await background(page)).toBe(DARK_BG)
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await background(page)).toBe(LIGHT_BG)
    // The system says light; the visitor picks dark.
    await page.locator('.prefs summary').click()
    await page.locator('.prefs button[name="theme"][value="dark"]').click()
    await page.waitForURL(site.url + '/')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await background(page)).toBe(DARK_BG)
    const later = await context.newPage()
    await later.emulateMedia({ colorScheme: 'light' })
    await later.goto(`${site.url}/status`)
    expect(await background(later)).toBe(DARK_BG)
    // Back to the system's.
    await later.locator('.prefs summary').click()
    await later.locator('.prefs button[name="theme"][value="system"]').click()
    await later.waitForURL(`${site.url}/status`)
    expect(await background(later)).toBe(LIGHT_BG)
    await context.close()
  })
})

describe('the room in every language and theme', () => {
  test('screenshots of the room (test-results/screenshots/room-<locale>-<theme>-*.png)', async () => {
    const roomName = 'languages-room'
    const created = await fetch(`${stack.runtime.url}/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomName }),
    })
    expect(created.status).toBe(201)
    const host = await browser.newPage({ viewport: viewports.desktop })
    await host.goto(`${site.url}/rooms/${roomName}`)
    await joinAs(host, 'Ada Lovelace')
    for (const locale of ['en', 'de', 'fr', 'es', 'en-XA']) {
      const context = await browser.newContext({ viewport: viewports.desktop })
      await context.addCookies([{ name: 'meet-locale', value: locale, url: site.url }])
      const page = await context.newPage()
      await page.goto(`${site.url}/rooms/${roomName}`)
      await joinAs(page, 'Grace Hopper')
      await waitForVideo(page, 'Ada Lovelace')
      await page.locator('#toggle-people').click()
      const t = translator(locale as Locale, catalogs[locale as Locale])
      expect(await page.locator('#participant-count').textContent()).toBe(t('room.count', { count: 2 }))
      expect(await page.locator('#side-title').textContent()).toBe(t('room.people'))
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme })
        await screenshots(page, `room-${locale}-${theme}`)
      }
      if (locale === 'en') {
        // The room's settings change the theme at once, without leaving, and remember it.
        await page.emulateMedia({ colorScheme: 'light' })
        await page.locator('#open-settings').click()
        await page.locator('#room-theme input[value="dark"]').check()
        expect(await background(page)).toBe(DARK_BG)
        expect((await context.cookies()).find((cookie) => cookie.name === 'meet-theme')?.value).toBe('dark')
        await page.keyboard.press('Escape')
      }
      await context.close()
    }
    await host.close()
  }, 180_000)
})
