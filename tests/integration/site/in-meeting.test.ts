import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { Room } from '@livekit/rtc-node'
import { useServices } from '../../support/services.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import type { ApiStack } from '../../support/api-stack.ts'
import type { RunningSite } from '../../../native/site.ts'
import { startSiteStack, stopSiteStack } from './support/site-stack.ts'
import { screenshots, viewports } from './support/browser.ts'
import { cameraTile, joinAs, waitForVideo } from './support/meeting-page.ts'

// A host and guests in separate browser contexts, against the real runtime and LiveKit: the lobby,
// the lock, moderation, hands, reactions and chat history as each person sees them.
let stack: ApiStack
let site: RunningSite
let browser: Browser
const pages: Record<string, Page> = {}
const roomName = 'moderated-standup'

async function person(name: string, viewport: { width: number; height: number } = viewports.desktop) {
  const context = await browser.newContext({ viewport })
  pages[name] = await context.newPage()
  return pages[name]
}

/** Pre-join → lobby: types the name, presses Join, waits for the lobby's waiting card. */
async function knock(page: Page, name: string) {
  await page.goto(`${site.url}/rooms/${roomName}`)
  await page.locator('#join-form').waitFor()
  await page.fill('#display-name', name)
  await page.click('#join-button')
  await page.locator('#lobby-wait').waitFor({ state: 'visible', timeout: 30_000 })
}

const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)
/** What LiveKit posts when Egress reports on a recording of this meeting (no Egress worker runs here). */
async function egressEvent(event: string, id: string, egressInfo: Record<string, unknown>) {
  const { livekitKey, livekitSecret } = useServices()
  const body = webhookBody({ event, id, createdAt: 1_800_000_000, egressInfo: { roomName, egressId: 'EG_cohost', ...egressInfo } })
  return postWebhook(stack.runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
}

const settingsSaved = (page: Page) => page.waitForResponse((r) => r.url().endsWith(`/api/meetings/${roomName}/settings`) && r.request().method() === 'PATCH')
const tokenAnswer = (page: Page) =>
  page.evaluate(async (room) => {
    const response = await fetch('/api/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roomName: room }) })
    return { status: response.status, body: await response.json() }
  }, roomName)

beforeAll(async () => {
  ;({ stack, site, browser } = await startSiteStack())
}, 240_000)
const bots: Room[] = []
afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.disconnect().catch(() => undefined)))
  await stopSiteStack({ stack, site, browser })
})

describe('in the meeting, three people', () => {
  test('the host starts the meeting, writes in the chat and turns the lobby on', async () => {
    const ada = await person('ada')
    await ada.goto(site.url)
    await ada.fill('#new-room', roomName)
    await ada.click('text=Start meeting')
    await ada.waitForURL(`${site.url}/rooms/${roomName}`)
    await joinAs(ada, 'Ada')
    await ada.click('#toggle-chat')
    await ada.fill('#chat-input', 'Agenda: <b>lobby</b> first')
    await ada.press('#chat-input', 'Enter')
    await ada.locator('#chat-messages li', { hasText: 'Agenda: <b>lobby</b> first' }).waitFor()
    await ada.click('#toggle-people')
    const saved = settingsSaved(ada)
    await ada.check('#setting-lobby')
    expect((await saved).status()).toBe(200)
  }, 120_000)

  test('a guest waits in the lobby with their name; the host sees the request and admits them; they see each other', async () => {
    const bo = await person('bo')
    await knock(bo, 'Bo')
    expect(await bo.locator('#lobby-name').textContent()).toBe('Bo')
    await screenshots(bo, 'lobby')
    const ada = pages.ada
    await ada.locator('#lobby-list li', { hasText: 'Bo' }).waitFor({ timeout: 20_000 })
    expect(await ada.locator('#lobby-announcer').textContent()).toContain('Bo')
    await screenshots(ada, 'host-lobby-list')
    await ada.click('#lobby-list button[aria-label="Admit Bo"]')
    await bo.locator('#room').waitFor({ state: 'visible', timeout: 30_000 })
    await waitForVideo(ada, 'Bo')
    await waitForVideo(bo, 'Ada')
  }, 180_000)

  test('a second guest is denied: told so, and the API gives them no token', async () => {
    const cy = await person('cy', viewports.phone)
    await knock(cy, 'Cy')
    await pages.ada.click('#lobby-list button[aria-label="Deny Cy"]')
    await cy.locator('#lobby-title', { hasText: 'A host declined your request' }).waitFor({ timeout: 20_000 })
    expect(await tokenAnswer(cy)).toMatchObject({ status: 403, body: { error: 'forbidden', details: { reason: 'denied' } } })
    await cy.context().close()
  }, 120_000)

  test('the late joiner sees the earlier chat, as text; a reload keeps it and skips the lobby', async () => {
    const bo = pages.bo
    await bo.click('#toggle-chat')
    const line = bo.locator('#chat-messages li', { hasText: 'Agenda: <b>lobby</b> first' })
    await line.waitFor()
    expect(await bo.locator('#chat-messages b').count()).toBe(0)
    await bo.reload()
    await joinAs(bo, 'Bo')
    await bo.click('#toggle-chat')
    await line.waitFor()
    await bo.click('#toggle-chat')
  }, 120_000)

  test('a locked meeting turns a new guest away', async () => {
    const saved = settingsSaved(pages.ada)
    await pages.ada.check('#setting-locked')
    await saved
    const dee = await person('dee')
    await dee.goto(`${site.url}/rooms/${roomName}`)
    await dee.fill('#display-name', 'Dee')
    await dee.click('#join-button')
    await dee.locator('#join-error', { hasText: 'locked' }).waitFor({ timeout: 20_000 })
    const unlocked = settingsSaved(pages.ada)
    await pages.ada.uncheck('#setting-locked')
    await unlocked
    await dee.click('#join-button')
    await dee.locator('#lobby-wait').waitFor({ state: 'visible', timeout: 30_000 })
    await pages.ada.click('#lobby-list button[aria-label="Admit Dee"]')
    await dee.locator('#room').waitFor({ state: 'visible', timeout: 30_000 })
    await waitForVideo(pages.ada, 'Dee')
  }, 180_000)

  test("the host mutes a guest: the guest's mic shows muted on both sides", async () => {
    const { ada, bo } = pages
    expect(await bo.locator('#toggle-mic').getAttribute('aria-pressed')).toBe('true')
    await ada.click('#people-list button[aria-label="Mute Bo\'s microphone"]')
    await bo.locator('#toggle-mic[aria-pressed="false"]').waitFor({ timeout: 20_000 })
    await ada.locator('#grid .tile[data-source="camera"][aria-label="Bo"][data-muted="true"]').waitFor({ timeout: 20_000 })
  }, 60_000)

  test('hands go up in order; the host lowers one', async () => {
    const { ada, bo, dee } = pages
    await bo.click('#toggle-hand')
    await ada.locator('#people-list .hand[aria-label="Hand raised, number 1"]').waitFor({ timeout: 20_000 })
    await dee.click('#toggle-hand')
    await ada.locator('#people-list .hand[aria-label="Hand raised, number 2"]').waitFor({ timeout: 20_000 })
    const order = await ada.locator('#people-list li').evaluateAll((items) => items.map((li) => li.textContent))
    expect(order[0]).toContain('Bo')
    expect(order[1]).toContain('Dee')
    await cameraTile(dee, 'Bo, hand raised (1)').waitFor({ timeout: 20_000 })
    await screenshots(ada, 'people-panel-host')
    await ada.click('#people-list button[aria-label="Lower hand: Bo"]')
    await bo.locator('#toggle-hand[aria-pressed="false"]').waitFor({ timeout: 20_000 })
    await ada.locator('#people-list li', { hasText: 'Dee' }).locator('.hand[aria-label="Hand raised, number 1"]').waitFor({ timeout: 20_000 })
  }, 90_000)

  test('a reaction reaches the other two and is announced', async () => {
    const { ada, bo, dee } = pages
    await bo.click('#toggle-reactions')
    await bo.click('#reaction-menu button[aria-label="Clap"]')
    for (const page of [ada, dee]) {
      await page.locator('#grid .tile[data-source="camera"][aria-label="Bo"] .tile-reactions span', { hasText: '👏' }).waitFor({ timeout: 20_000 })
      expect(await page.locator('#reaction-announcer').textContent()).toBe('Bo reacted 👏')
    }
  }, 60_000)

  test('guests see the people list without actions', async () => {
    await pages.bo.click('#toggle-people')
    await pages.bo.locator('#people-list li', { hasText: 'Dee' }).waitFor()
    expect(await pages.bo.locator('#people-list button').count()).toBe(0)
    expect(await pages.bo.locator('#host-tools').isHidden()).toBe(true)
  })

  test('the host removes a guest: they see why, and rejoining is refused', async () => {
    const { ada, dee } = pages
    ada.once('dialog', (dialog) => void dialog.accept())
    await ada.click('#people-list button[aria-label="Remove Dee from the meeting"]')
    await dee.locator('#left-title', { hasText: 'You were removed from the meeting' }).waitFor({ timeout: 20_000 })
    await cameraTile(ada, 'Dee').waitFor({ state: 'detached', timeout: 20_000 })
    await dee.click('#rejoin')
    await dee.locator('#join-form').waitFor()
    await dee.click('#join-button')
    await dee.locator('#join-error', { hasText: 'removed' }).waitFor({ timeout: 20_000 })
    expect(await tokenAnswer(dee)).toMatchObject({ status: 403, body: { details: { reason: 'removed' } } })
  }, 90_000)

  test('the host makes a guest co-host from the people panel: they start and stop a recording without rejoining, and lose it when it is taken back', async () => {
    const { ada, bo } = pages
    expect(await bo.locator('#toggle-recording').isHidden()).toBe(true)
    const joinedAt = await bo.evaluate(() => performance.timeOrigin)
    await ada.click('#people-list button[aria-label="Make co-host: Bo"]')
    await ada.locator('.toast', { hasText: 'Bo can now record and end the meeting' }).waitFor({ timeout: 20_000 })
    // The runtime changes Bo's role attribute and grants live (applyRoleLive): the controls appear in place.
    await bo.locator('#toggle-recording').waitFor({ state: 'visible', timeout: 20_000 })
    await bo.locator('#end-meeting').waitFor({ state: 'visible' })
    await bo.locator('#people-list li', { hasText: 'Bo' }).locator('.role', { hasText: 'co-host' }).waitFor({ state: 'attached', timeout: 20_000 })
    expect(await bo.locator('#people-list button').count()).toBeGreaterThan(0)

    // Start: past the role check, the runtime asks Egress, which does not run here; Bo reads why.
    const started = bo.waitForResponse((r) => r.url().endsWith('/api/recordings/start'))
    await bo.click('#toggle-recording')
    expect((await started).status()).toBe(503)
    await bo.locator('.toast[role="alert"]', { hasText: 'Recording is not available' }).waitFor({ timeout: 30_000 })
    // Egress reporting a recording (signed, as LiveKit sends it): Bo, as a co-host, gets the Stop control.
    expect((await egressEvent('egress_started', 'EV_cohost_1', { status: 'EGRESS_ACTIVE', startedAt: ns(1_800_000_000) })).status).toBe(200)
    await ada.locator('#recording-indicator').waitFor({ state: 'visible', timeout: 15_000 })
    await bo.locator('#toggle-recording[aria-label="Stop recording"]').waitFor({ timeout: 15_000 })
    const stopped = bo.waitForResponse((r) => r.url().endsWith('/api/recordings/stop'))
    await bo.click('#toggle-recording')
    expect((await stopped).status()).toBe(503)
    await bo.locator('.toast[role="alert"]', { hasText: 'Recording is not available' }).last().waitFor({ timeout: 30_000 })
    expect(
      (
        await egressEvent('egress_ended', 'EV_cohost_2', {
          status: 'EGRESS_FAILED',
          startedAt: ns(1_800_000_000),
          endedAt: ns(1_800_000_030),
          error: 'stopped',
        })
      ).status,
    ).toBe(200)
    await bo.locator('#toggle-recording[aria-label="Record the meeting"]').waitFor({ timeout: 15_000 })
    // Never a rejoin: the page Bo loaded before is the one that recorded.
    expect(await bo.evaluate(() => performance.timeOrigin)).toBe(joinedAt)

    await ada.click('#people-list button[aria-label="Remove co-host: Bo"]')
    await bo.locator('#toggle-recording').waitFor({ state: 'hidden', timeout: 20_000 })
    await bo.locator('#people-list button').first().waitFor({ state: 'detached', timeout: 20_000 })
    expect(
      await bo.evaluate(
        async (room) =>
          (await fetch('/api/recordings/start', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roomName: room }) }))
            .status,
        roomName,
      ),
    ).toBe(403)
  }, 120_000)

  test('pages of at most 16 tiles, a speaker view and a pin of your own', async () => {
    const { ada } = pages
    // Eighteen more people (LiveKit clients without video) make 20 in the room.
    for (let i = 1; i <= 18; i++) {
      const bot = stack.client()
      await bot.put('/session', { displayName: `Person ${String(i).padStart(2, '0')}` })
      const { body } = await bot.post('/token', { roomName })
      if (!body.participantToken) {
        // The lobby is on: the host admits each one through the API, as the room's list would.
        const identity = (await bot.get('/session')).body.identity
        await bot.post(`/meetings/${roomName}/lobby`, { participantName: `Person ${String(i).padStart(2, '0')}` })
        await ada.evaluate(
          async ([room, who]) => {
            await fetch(`/api/meetings/${room}/lobby/${who}`, {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ decision: 'admit' }),
            })
          },
          [roomName, identity],
        )
      }
      const token = (await bot.post('/token', { roomName })).body
      const room = new Room()
      bots.push(room)
      await room.connect(token.serverUrl, token.participantToken, { autoSubscribe: false, dynacast: false })
    }
    await ada.locator('#page-label', { hasText: 'Page 1 of 2' }).waitFor({ timeout: 30_000 })
    await ada.click('#close-panel')
    // Everyone is in once the pages say so; a tile can still be on its way under load.
    await expect.poll(() => ada.locator('#grid .tile').count(), { timeout: 30_000 }).toBe(16)
    await screenshots(ada, 'grid-page-of-16')
    await ada.click('#page-next')
    await ada.locator('#page-label', { hasText: 'Page 2 of 2' }).waitFor()
    await expect.poll(() => ada.locator('#grid .tile').count(), { timeout: 30_000 }).toBe(20 - 16)

    await ada.click('#toggle-view')
    await ada.locator('#grid[data-spotlight="true"] .tile[data-main="true"]').waitFor()
    expect(await ada.locator('#grid .tile').count()).toBe(7)
    await ada
      .locator('#grid .tile[aria-label="Bo"]')
      .hover()
      .catch(() => undefined)
    await ada
      .locator('#page-prev:not([disabled])')
      .click()
      .catch(() => undefined)
    const bo = ada.locator('#grid .tile[aria-label="Bo"]')
    if (!(await bo.count())) await ada.click('#page-next')
    await ada.click('#grid .tile[aria-label="Bo"] .pin')
    await ada.locator('#grid .tile[data-main="true"][aria-label="Bo"] .pin[aria-pressed="true"][aria-label="Unpin Bo"]').waitFor()
    await screenshots(ada, 'speaker-view-pinned')
    // A pin is the pinner's own: Bo's own page is not changed by it.
    expect(await pages.bo.locator('#grid[data-spotlight="true"]').count()).toBe(0)
  }, 240_000)
})
