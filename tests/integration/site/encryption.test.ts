import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ApiStack } from '../../support/api-stack.ts'
import { query } from '../../support/db.ts'
import type { RunningSite } from '../../../native/site.ts'
import { startSiteStack, stopSiteStack } from './support/site-stack.ts'
import { screenshots } from './support/browser.ts'
import { cameraTile, joinAs, waitForVideo } from './support/meeting-page.ts'
import { watchNetwork } from './support/network-watch.ts'
import { hearsSound } from './support/audio.ts'

// An end-to-end encrypted meeting in real Chromium against the real runtime and LiveKit: the key is
// made in the creator's browser, travels only in the link's fragment, and without it (or with another)
// nobody sees broken video, only a clear message. The server never receives the key.
let stack: ApiStack
let site: RunningSite
let browser: Browser
const roomName = 'sealed-standup'
const contexts: BrowserContext[] = []
const networks: ReturnType<typeof watchNetwork>[] = []
const pages: Record<string, Page> = {}
let inviteLink = ''
let key = ''

async function person(name: string) {
  const context = await browser.newContext()
  contexts.push(context)
  networks.push(watchNetwork(context))
  pages[name] = await context.newPage()
  return pages[name]
}

beforeAll(async () => {
  ;({ stack, site, browser } = await startSiteStack())
}, 240_000)
afterAll(() => stopSiteStack({ stack, site, browser }))

describe('an end-to-end encrypted meeting', () => {
  test('the creator ticks "End-to-end encrypted": the key is in the fragment only, the server stores the flag', async () => {
    const ada = await person('ada')
    await ada.goto(site.url)
    await ada.fill('#new-room', roomName)
    await ada.check('#encrypted')
    await ada.click('text=Start meeting')
    await ada.waitForURL(new RegExp(`/rooms/${roomName}#key=`))
    inviteLink = ada.url()
    key = new URLSearchParams(new URL(inviteLink).hash.slice(1)).get('key')!
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect((await query(stack.runtime.databaseUrl, 'select encrypted from meetings where room_name = $1', [roomName]))[0]).toEqual({ encrypted: true })
    await joinAs(ada, 'Ada')
    await ada.locator('#e2ee-badge').waitFor({ state: 'visible' })
  }, 120_000)

  test('a second person with the invite link sees and hears the creator, and is seen and heard', async () => {
    const bo = await person('bo')
    await bo.goto(inviteLink)
    await joinAs(bo, 'Bo')
    await waitForVideo(pages.ada, 'Bo')
    await waitForVideo(bo, 'Ada')
    await hearsSound(bo)
    await hearsSound(pages.ada)
    expect(await bo.locator('#e2ee-wrong-key').isVisible()).toBe(false)
    expect(await cameraTile(bo, 'Ada').getAttribute('data-undecryptable')).toBeNull()
    await screenshots(bo, 'encrypted-meeting')
  }, 120_000)

  test('chat goes between the browsers, encrypted: the server stores none of it', async () => {
    const { ada, bo } = pages
    await ada.click('#toggle-chat')
    await ada.fill('#chat-input', 'Only we can read this')
    await ada.press('#chat-input', 'Enter')
    await ada.locator('#chat-messages li', { hasText: 'Only we can read this' }).waitFor({ timeout: 20_000 })
    await bo.click('#toggle-chat')
    await bo.locator('#chat-messages li', { hasText: 'Only we can read this' }).waitFor({ timeout: 20_000 })
    expect(
      await query(stack.runtime.databaseUrl, 'select 1 from chat_messages c join meetings m on m.id = c.meeting_id where m.room_name = $1', [roomName]),
    ).toEqual([])
  }, 60_000)

  test('recording is refused with the reason, in the room', async () => {
    const { ada } = pages
    await ada.click('#toggle-recording')
    await ada.locator('#toasts', { hasText: 'cannot decrypt' }).waitFor({ timeout: 20_000 })
    expect(await query(stack.runtime.databaseUrl, 'select 1 from recordings')).toEqual([])
  }, 60_000)

  test('someone with a wrong key gets a clear message instead of broken video; the others see why on their tile', async () => {
    const cy = await person('cy')
    await cy.goto(inviteLink.replace(key, 'W'.repeat(43)))
    await joinAs(cy, 'Cy')
    await cy.locator('#e2ee-wrong-key').waitFor({ state: 'visible', timeout: 30_000 })
    expect(await cy.locator('#e2ee-wrong-key').textContent()).toMatch(/cannot be decrypted/)
    expect(await cameraTile(cy, 'Ada').getAttribute('data-undecryptable')).toBe('Cannot decrypt')
    await pages.ada.locator('#grid .tile[aria-label="Cy"][data-undecryptable="Cannot decrypt: joined with a different key"]').waitFor({ timeout: 30_000 })
    // Ada and Bo still see each other: one wrong key spoils nothing for the rest.
    expect(await pages.ada.locator('#e2ee-wrong-key').isVisible()).toBe(false)
    await screenshots(cy, 'encrypted-wrong-key')
  }, 120_000)

  test('a link without its key says what is missing and does not join', async () => {
    const dee = await person('dee')
    await dee.goto(`${site.url}/rooms/${roomName}`)
    await dee.locator('#join-error', { hasText: '#key=' }).waitFor()
    expect(await dee.locator('#join-button').isDisabled()).toBe(true)
  }, 60_000)

  test('no request ever carried the key, and every request went to the site or LiveKit', async () => {
    // What goes on the wire: a URL without its fragment (Playwright may report the page's full URL).
    const everything = networks.flatMap((network) => network.urls).map((url) => url.split('#')[0])
    expect(everything.length).toBeGreaterThan(10)
    expect(everything.filter((url) => url.includes(key))).toEqual([])
    const allowed = [new URL(site.url).origin, new URL(stack.livekit.httpUrl).origin, new URL(stack.livekit.url).origin]
    expect(networks.flatMap((network) => network.origins()).filter((origin) => !allowed.includes(origin))).toEqual([])
    expect(stack.runtime.output()).not.toContain(key)
  })
})
