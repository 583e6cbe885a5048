import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { ApiStack } from '../../support/api-stack.ts'
import { useServices } from '../../support/services.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import type { RunningSite } from '../../../native/site.ts'
import { startSiteStack, stopSiteStack } from './support/site-stack.ts'
import { screenshots, viewports } from './support/browser.ts'
import { cameraTile, joinAs, waitForVideo } from './support/meeting-page.ts'

// Two people in two browser contexts, against the real runtime, LiveKit, PostgreSQL, Redis and MiniStack.
let stack: ApiStack
let site: RunningSite
let browser: Browser
let hostContext: BrowserContext
let guestContext: BrowserContext
let host: Page
let guest: Page
const roomName = 'design-review'
const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)

async function egressEvent(event: string, id: string, egressInfo: Record<string, unknown>) {
  const { livekitKey, livekitSecret } = useServices()
  const body = webhookBody({ event, id, createdAt: 1_800_000_000, egressInfo: { roomName, egressId: 'EG_site1', ...egressInfo } })
  return postWebhook(stack.runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
}

beforeAll(async () => {
  ;({ stack, site, browser } = await startSiteStack())
  hostContext = await browser.newContext({ viewport: viewports.desktop })
  guestContext = await browser.newContext({ viewport: viewports.desktop })
  host = await hostContext.newPage()
  guest = await guestContext.newPage()
}, 180_000)
afterAll(() => stopSiteStack({ stack, site, browser }))

describe('a meeting in two browsers', () => {
  test('home starts a meeting with a chosen name and leads to its pre-join page', async () => {
    await host.goto(site.url)
    await screenshots(host, 'home')
    await host.fill('#new-room', roomName)
    await host.click('text=Start meeting')
    await host.waitForURL(`${site.url}/rooms/${roomName}`)
    expect(await host.locator('#prejoin-title').textContent()).toBe(roomName)
  })

  test('pre-join previews the camera and lists the devices', async () => {
    await host.waitForFunction(() => (document.querySelector<HTMLVideoElement>('#preview-video')?.videoWidth ?? 0) > 0)
    expect(await host.locator('#video-device option').count()).toBeGreaterThan(0)
    expect(await host.locator('#preview-camera').getAttribute('aria-pressed')).toBe('true')
    await host.fill('#display-name', 'Ada')
    await screenshots(host, 'prejoin')
  })

  test('each person sees the other’s video tile', async () => {
    await joinAs(host, 'Ada')
    await guest.goto(`${site.url}/rooms/${roomName}`)
    await joinAs(guest, 'Grace')
    await waitForVideo(host, 'Grace')
    await waitForVideo(guest, 'Ada')
    await waitForVideo(host, 'Ada (you)')
    expect(await host.locator('#participant-count').textContent()).toBe('2 people')
  })

  test('each person hears the other: the other’s microphone plays in an <audio> element', async () => {
    for (const page of [host, guest]) {
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll<HTMLAudioElement>('#audio-sink audio')].some((audio) => {
            const track = (audio.srcObject as MediaStream | null)?.getAudioTracks()[0]
            return !audio.paused && track?.readyState === 'live'
          }),
        null,
        { timeout: 20_000 },
      )
    }
  })

  // Speaking is not asserted: Chromium's fake microphone only beeps, which LiveKit takes for speech some runs only.
  test('tiles show how good each connection is', async () => {
    await host.locator('#grid .tile[aria-label="Grace"] .quality:not([data-quality="unknown"])').waitFor({ timeout: 20_000 })
  })

  test('every control has a name a screen reader can announce', async () => {
    const unnamed = await host.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#room button, #room input, #room select')]
        .filter((element) => element.checkVisibility())
        .filter((element) => !(element.getAttribute('aria-label') || (element as HTMLInputElement).labels?.length || element.textContent?.trim()))
        .map((element) => element.outerHTML.slice(0, 80)),
    )
    expect(unnamed).toEqual([])
  })

  test('devices can be switched in the room', async () => {
    await host.click('#open-settings')
    const camera = host.locator('#room-videoinput')
    await camera.locator('option').first().waitFor({ state: 'attached' })
    await camera.selectOption({ index: 0 })
    await host.click('#settings-dialog button:text("Done")')
    await waitForVideo(host, 'Ada (you)')
    expect(await host.locator('#settings-dialog').isVisible()).toBe(false)
  })

  test('a shared screen takes the stage for the other person, and leaves it when stopped', async () => {
    await host.click('#toggle-screen')
    await waitForVideo(guest, 'Ada (screen)', 'screen')
    expect(await guest.locator('#grid').getAttribute('data-spotlight')).toBe('true')
    await screenshots(guest, 'room-screen-share')
    await host.click('#toggle-screen')
    await guest.locator('#grid .tile[data-source="screen"]').waitFor({ state: 'detached' })
  })

  test('a chat message sent by one appears for the other', async () => {
    await host.click('#toggle-chat')
    await host.fill('#chat-input', 'Hello Grace, can you see the slides?')
    await host.press('#chat-input', 'Enter')
    await guest.locator('#chat-unread', { hasText: '1' }).waitFor()
    await guest.click('#toggle-chat')
    await guest.locator('#chat-messages li', { hasText: 'Hello Grace, can you see the slides?' }).waitFor()
    expect(await guest.locator('#chat-messages li .from').first().textContent()).toContain('Ada')
    await screenshots(guest, 'room-chat')
  })

  test('muting shows on the muted person’s tile for the other', async () => {
    await host.click('#toggle-chat')
    expect(await cameraTile(host, 'Grace').getAttribute('data-muted')).toBe('false')
    await guest.click('#toggle-mic')
    await host.locator('#grid .tile[aria-label="Grace"][data-muted="true"] .mic-off').waitFor({ state: 'visible' })
    // Ctrl+D, the shortcut people know from other meeting apps, unmutes again.
    await guest.keyboard.press('Control+d')
    await host.locator('#grid .tile[aria-label="Grace"][data-muted="false"]').waitFor()
    expect(await guest.locator('#toggle-mic').getAttribute('aria-label')).toBe('Mute mic')
  })

  test('the host has recording controls, the guest none; a running recording shows for everyone', async () => {
    expect(await guest.locator('#toggle-recording').isVisible()).toBe(false)
    expect(await guest.locator('#end-meeting').isVisible()).toBe(false)
    await host.click('#toggle-recording')
    // No Egress worker runs here, so the API refuses; the host reads why.
    await host.locator('.toast[role="alert"]', { hasText: 'Recording is not available' }).waitFor({ timeout: 30_000 })
    // Egress reporting a recording (signed, as LiveKit sends it) turns the indicator on for both.
    expect((await egressEvent('egress_started', 'EV_site_1', { status: 'EGRESS_ACTIVE', startedAt: ns(1_800_000_000) })).status).toBe(200)
    await host.locator('#recording-indicator').waitFor({ state: 'visible', timeout: 15_000 })
    await guest.locator('#recording-indicator').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await host.locator('#toggle-recording').getAttribute('aria-label')).toBe('Stop recording')
    await host.click('.toast-close')
    await screenshots(host, 'room')
  })

  test('the recordings page lists a finished recording with duration and size, and its file downloads', async () => {
    const key = `recordings/${roomName}/site-test.mp4`
    const s3 = new S3Client({
      endpoint: useServices().s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    await s3.send(new PutObjectCommand({ Bucket: stack.runtime.env.S3_BUCKET, Key: key, Body: Buffer.alloc(2_500_000) }))
    const ended = {
      status: 'EGRESS_COMPLETE',
      startedAt: ns(1_800_000_000),
      endedAt: ns(1_800_000_754),
      fileResults: [{ filename: key, size: '2500000', duration: ns(754) }],
    }
    expect((await egressEvent('egress_ended', 'EV_site_2', ended)).status).toBe(200)
    await guest.locator('#recording-indicator').waitFor({ state: 'hidden', timeout: 15_000 })

    const page = await hostContext.newPage()
    await page.goto(`${site.url}/rooms/${roomName}/recordings`)
    const row = page.locator('tr.recording').first()
    expect(await row.locator('[data-label="Status"]').textContent()).toContain('Ready')
    expect(await row.locator('[data-label="Duration"]').textContent()).toContain('12 min 34 sec')
    expect(await row.locator('[data-label="Size"]').textContent()).toContain('2.4 MB')
    // and what the meeting's recordings take in the bucket altogether
    expect(await page.locator('tr.total').textContent()).toMatch(/Total, 1 recording\s*2\.4 MB/)
    const href = await row.locator('a', { hasText: 'Download' }).getAttribute('href')
    const download = await fetch(href!)
    expect(download.status).toBe(200)
    expect((await download.arrayBuffer()).byteLength).toBe(2_500_000)
    // Play streams straight from the bucket, another origin: the page's CSP (media-src) lets it load.
    const streamed = page.waitForResponse((response) => response.url().startsWith(new URL(href!).origin))
    await row.locator('summary', { hasText: 'Play' }).click()
    await row.locator('video').evaluate((video: HTMLVideoElement) => {
      video.preload = 'metadata'
      video.load()
    })
    expect((await streamed).status()).toBeLessThan(300)
    await screenshots(page, 'recordings')
    await page.close()
  })

  test('the host stops a recording from the room; once Egress reports the end, the indicator goes off for everyone', async () => {
    expect((await egressEvent('egress_started', 'EV_site_3', { egressId: 'EG_site2', status: 'EGRESS_ACTIVE', startedAt: ns(1_800_001_000) })).status).toBe(200)
    await guest.locator('#recording-indicator').waitFor({ state: 'visible', timeout: 15_000 })
    await host.locator('#toggle-recording[aria-label="Stop recording"]').waitFor({ timeout: 15_000 })
    await host.click('#toggle-recording')
    // Stopping goes through Egress too; with no worker here, the host is told so instead of a silent failure.
    await host.locator('.toast[role="alert"]', { hasText: 'Recording is not available' }).waitFor({ timeout: 30_000 })
    const ended = { egressId: 'EG_site2', status: 'EGRESS_FAILED', startedAt: ns(1_800_001_000), endedAt: ns(1_800_001_030), error: 'stopped' }
    expect((await egressEvent('egress_ended', 'EV_site_4', ended)).status).toBe(200)
    await guest.locator('#recording-indicator').waitFor({ state: 'hidden', timeout: 15_000 })
    await host.locator('#toggle-recording[aria-label="Record the meeting"]').waitFor({ timeout: 15_000 })
  })

  test('the host makes the guest a co-host in the people panel: the guest gets the host controls, and loses them when it is taken back', async () => {
    expect(await guest.locator('#toggle-recording').isVisible()).toBe(false)
    await host.click('#toggle-people')
    const grace = host.locator('#people-list li', { hasText: 'Grace' })
    await grace.locator('button', { hasText: 'Make co-host' }).click()
    // The runtime changes Grace's role attribute in LiveKit: her controls and everyone's list follow.
    await guest.locator('#toggle-recording').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await guest.locator('#end-meeting').isVisible()).toBe(true)
    await grace.locator('.role', { hasText: 'co-host' }).waitFor({ timeout: 15_000 })
    await grace.locator('button', { hasText: 'Remove co-host' }).click()
    await guest.locator('#toggle-recording').waitFor({ state: 'hidden', timeout: 15_000 })
    expect(await guest.locator('#end-meeting').isVisible()).toBe(false)
    await host.click('#toggle-people')
  })

  test('leaving removes the tile for the one who stays', async () => {
    // Camera off before leaving: the pre-join page should remember it.
    await guest.click('#toggle-camera')
    await guest.click('#leave')
    await guest.locator('#left-title', { hasText: 'You left the meeting' }).waitFor()
    await cameraTile(host, 'Grace').waitFor({ state: 'detached', timeout: 20_000 })
    expect(await host.locator('#participant-count').textContent()).toBe('Only you')
  })

  test('pre-join remembers the name and camera choice; the host ends the meeting for everyone; the link then says it has ended', async () => {
    await guest.click('#rejoin')
    await guest.locator('#preview-camera[aria-pressed="false"]').waitFor()
    expect(await guest.inputValue('#display-name')).toBe('Grace')
    await guest.click('#preview-camera')
    await joinAs(guest, 'Grace')
    await waitForVideo(host, 'Grace')
    host.once('dialog', (dialog) => void dialog.accept())
    await host.click('#end-meeting')
    await guest.locator('#left-title', { hasText: 'The meeting has ended' }).waitFor({ timeout: 20_000 })
    await host.locator('#left-title', { hasText: 'The meeting has ended' }).waitFor({ timeout: 20_000 })
    const response = await guest.goto(`${site.url}/rooms/${roomName}`)
    expect(await guest.locator('h1').textContent()).toBe('This meeting has ended')
    expect(response?.status()).toBe(410)
  })
})
