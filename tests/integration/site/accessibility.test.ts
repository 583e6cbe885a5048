import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ApiStack } from '../../support/api-stack.ts'
import type { RunningSite } from '../../../native/site.ts'
import { startSiteStack, stopSiteStack } from './support/site-stack.ts'
import { viewports } from './support/browser.ts'
import { emulateTheme, runAxe, saveAxeResults, type AxeResult } from './support/axe.ts'
import { joinAs, waitForVideo } from './support/meeting-page.ts'
import { tour } from './support/tour.ts'

// axe-core on every page and every state of the room, in the light and the dark theme, against the
// real runtime and LiveKit; then the room driven with the keyboard alone.
let stack: ApiStack
let site: RunningSite
let browser: Browser
const results: AxeResult[] = []

beforeAll(async () => {
  ;({ stack, site, browser } = await startSiteStack())
}, 180_000)
afterAll(() => stopSiteStack({ stack, site, browser }))

const table = (rows: AxeResult[]) =>
  [
    'page | theme | rules passed | critical | serious | moderate | minor',
    ...rows.map(
      (r) =>
        `${r.page} | ${r.theme} | ${r.passes}/${r.rules} | ${r.violations.critical} | ${r.violations.serious} | ${r.violations.moderate} | ${r.violations.minor}`,
    ),
  ].join('\n')

describe('axe-core on every page, in both themes', () => {
  test('no serious or critical violation anywhere', async () => {
    await tour({ stack, site, browser, tag: 'axe' }, async (name, page) => {
      for (const theme of ['light', 'dark'] as const) {
        await emulateTheme(page, theme)
        results.push(await runAxe(page, name, theme))
      }
    })
    await saveAxeResults(results)
    console.log(`axe-core results (test-results/accessibility.json, docs/accessibility.md):\n${table(results)}`)
    const serious = results.flatMap((r) =>
      r.details
        .filter((d) => d.impact === 'serious' || d.impact === 'critical')
        .map((d) => `${r.page} (${r.theme}): ${d.rule} on ${d.targets.join(', ')}: ${d.help}`),
    )
    expect(serious).toEqual([])
    // every page was seen in both themes
    expect(new Set(results.map((r) => r.page)).size).toBeGreaterThanOrEqual(15)
  }, 240_000)
})

/** Tab (or Shift+Tab) until the focused element matches, as a keyboard user moves through the page. */
async function tabTo(page: Page, selector: string, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`${selector} never got the focus with ${back ? 'Shift+Tab' : 'Tab'}`)
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

describe('the room with the keyboard alone', () => {
  test('join, mute, chat, share and leave without the mouse; ? shows the shortcuts', async () => {
    const roomName = 'keyboard-only'
    const other = await browser.newPage({ viewport: viewports.desktop })
    const created = await fetch(`${stack.runtime.url}/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomName }),
    })
    expect(created.status).toBe(201)
    await other.goto(`${site.url}/rooms/${roomName}`)
    await joinAs(other, 'Watcher')

    const page = await browser.newPage({ viewport: viewports.desktop })
    await page.goto(`${site.url}/rooms/${roomName}`)
    // Join: the skip link, then Tab to the name, type it, Tab to Join and press Enter.
    await page.locator('#join-button:not([disabled])').waitFor()
    await tabTo(page, '#display-name')
    await page.keyboard.type('Keyboard Kim')
    await tabTo(page, '#join-button')
    await page.keyboard.press('Enter')
    await page.locator('#room').waitFor({ state: 'visible', timeout: 30_000 })
    await waitForVideo(other, 'Keyboard Kim')

    // Mute with M, unmute with Ctrl+D; the other side sees both.
    await page.keyboard.press('m')
    await other.locator('#grid .tile[aria-label="Keyboard Kim"][data-muted="true"]').waitFor()
    expect(await page.locator('#toggle-mic').getAttribute('aria-pressed')).toBe('false')
    await page.keyboard.press('Control+d')
    await other.locator('#grid .tile[aria-label="Keyboard Kim"][data-muted="false"]').waitFor()

    // Chat: C opens it with the focus in the message field; Enter sends; Escape closes and returns the focus.
    await page.keyboard.press('c')
    await page.locator('#side-panel').waitFor({ state: 'visible' })
    expect(await focused(page)).toBe('chat-input')
    await page.keyboard.type('Typed without a mouse')
    await page.keyboard.press('Enter')
    await other.locator('#chat-unread', { hasText: '1' }).waitFor()
    await page.keyboard.press('Escape')
    await page.locator('#side-panel').waitFor({ state: 'hidden' })
    expect(await focused(page)).toBe('toggle-chat')

    // Share the screen with S, stop with S again.
    await page.keyboard.press('s')
    await waitForVideo(other, 'Keyboard Kim (screen)', 'screen')
    await page.keyboard.press('s')
    await other.locator('#grid .tile[data-source="screen"]').waitFor({ state: 'detached' })

    // ? lists the shortcuts; Escape closes the dialog.
    await page.keyboard.press('?')
    await page.locator('#shortcuts-dialog[open]').waitFor()
    expect(await page.locator('#shortcuts-dialog kbd').allTextContents()).toEqual(expect.arrayContaining(['M', 'Ctrl+D', 'S', 'C', '?']))
    await page.keyboard.press('Escape')
    await page.locator('#shortcuts-dialog[open]').waitFor({ state: 'detached' })

    // Every control is reachable with Tab, and shows where the focus is.
    await tabTo(page, '#toggle-people')
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).not.toBe('none')

    // Leave: Tab to the Leave button, Enter; the page says so and the focus lands on that message.
    await tabTo(page, '#leave')
    await page.keyboard.press('Enter')
    await page.locator('#left-view').waitFor({ state: 'visible' })
    expect(await focused(page)).toBe('left-title')
    await other.locator('#grid .tile[aria-label="Keyboard Kim"]').waitFor({ state: 'detached' })
    await Promise.all([page.close(), other.close()])
  }, 120_000)
})
