import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ApiStack } from '../../../support/api-stack.ts'
import { addMember } from '../../../support/accounts.ts'
import { ApiClient } from '../../../../native/api-client.ts'
import { useServices } from '../../../support/services.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../../native/webhooks.ts'
import type { RunningSite } from '../../../../native/site.ts'
import { viewports } from './browser.ts'
import { joinAs, waitForVideo } from './meeting-page.ts'

/**
 * Every page of the site and every state of the room people see, visited in order: `stop(name, page)`
 * runs at each (axe-core in both themes, the pseudo-locale check). Each tour makes its own meeting
 * (with a finished recording, so the recordings table shows), an ended one, and an admin.
 */
export interface TourOptions {
  stack: ApiStack
  site: RunningSite
  browser: Browser
  /** a `meet-locale` cookie for every context; none: the browser's Accept-Language (en-US) */
  locale?: string
  /** a word of the meeting names, unique per tour */
  tag: string
}

export type TourStop = (name: string, page: Page) => Promise<void>

const ADMIN_PASSWORD = 'a long enough passphrase'
const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)

export const tourNames = (tag: string) => ({
  room: `tour-${tag}`,
  ended: `tour-${tag}-ended`,
  host: 'Ada Host',
  guest: 'Bo Guest',
  admin: `admin-${tag}@example.com`,
})

async function finishedRecording(stack: ApiStack, roomName: string, tag: string) {
  const { livekitKey, livekitSecret } = useServices()
  const egressInfo = {
    roomName,
    egressId: `EG_${tag}`,
    status: 'EGRESS_COMPLETE',
    startedAt: ns(1_800_000_000),
    endedAt: ns(1_800_000_754),
    fileResults: [{ filename: `recordings/${roomName}/tour.mp4`, size: '2500000', duration: ns(754) }],
  }
  const body = webhookBody({ event: 'egress_ended', id: `EV_${tag}`, createdAt: 1_800_000_000, egressInfo })
  const answer = await postWebhook(stack.runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
  if (answer.status !== 200) throw new Error(`egress webhook: ${answer.status}`)
}

export async function tour({ stack, site, browser, locale, tag }: TourOptions, stop: TourStop) {
  const names = tourNames(tag)
  const contexts: BrowserContext[] = []
  const newPage = async () => {
    const context = await browser.newContext({ viewport: viewports.desktop })
    if (locale) await context.addCookies([{ name: 'meet-locale', value: locale, url: site.url }])
    contexts.push(context)
    return context.newPage()
  }
  try {
    // An ended meeting, made and ended by someone else.
    const other = new ApiClient(stack.runtime.url)
    if ((await other.post('/meetings', { roomName: names.ended })).status !== 201) throw new Error('could not create the ended meeting')
    if ((await other.post(`/meetings/${names.ended}/end`, {})).status >= 300) throw new Error('could not end the meeting')
    await addMember(stack.runtime.databaseUrl, names.admin, ADMIN_PASSWORD, { admin: true })

    const host = await newPage()
    await host.goto(site.url)
    await stop('home', host)
    await host.fill('#new-room', names.room)
    await host.locator('form[action="/new"] button[type="submit"]').click()
    await host.waitForURL(`${site.url}/rooms/${names.room}`)
    await host.waitForFunction(() => (document.querySelector<HTMLVideoElement>('#preview-video')?.videoWidth ?? 0) > 0)
    await host.fill('#display-name', names.host)
    await stop('pre-join', host)
    await joinAs(host, names.host)

    const guest = await newPage()
    await guest.goto(`${site.url}/rooms/${names.room}`)
    await joinAs(guest, names.guest)
    await waitForVideo(host, names.guest)
    await stop('room, two people', host)

    await host.locator('#toggle-chat').click()
    await host.fill('#chat-input', 'Hello Bo')
    await host.press('#chat-input', 'Enter')
    await host.locator('#chat-messages li').first().waitFor()
    await stop('room, chat open', host)
    await host.locator('#toggle-people').click()
    await host.locator('#people-list li').nth(1).waitFor()
    await stop('room, people open', host)
    await host.locator('#close-panel').click()
    await host.locator('#open-settings').click()
    await host.locator('#settings-dialog[open]').waitFor()
    await stop('room, settings open', host)
    await host.keyboard.press('Escape')
    await host.keyboard.press('?')
    await host.locator('#shortcuts-dialog[open]').waitFor()
    await stop('room, shortcuts open', host)
    await host.keyboard.press('Escape')
    await guest.locator('#leave').click()
    await guest.locator('#left-view').waitFor({ state: 'visible' })
    await stop('left the meeting', guest)

    await finishedRecording(stack, names.room, tag)
    const recordings = await host.context().newPage()
    await recordings.goto(`${site.url}/rooms/${names.room}/recordings`)
    await recordings.locator('tr.recording').first().waitFor()
    await stop('recordings', recordings)

    const visitor = await newPage()
    for (const [name, path] of [
      ['sign-in', '/sign-in'],
      ['status', '/status'],
      ['meeting not found', '/rooms/no-such-meeting'],
      ['meeting ended', `/rooms/${names.ended}`],
      ['page not found', '/no/such/page'],
      ['invitation', `/invite/${'x'.repeat(43)}`],
    ] as const) {
      await visitor.goto(site.url + path)
      await stop(name, visitor)
    }

    await visitor.goto(`${site.url}/sign-in?returnTo=/people`)
    await visitor.fill('#email', names.admin)
    await visitor.fill('#password', ADMIN_PASSWORD)
    await visitor.locator('form[action="/sign-in/password"] button[type="submit"]').click()
    await visitor.waitForURL(`${site.url}/people`)
    await stop('people (admins)', visitor)
  } finally {
    await Promise.all(contexts.map((context) => context.close()))
  }
}
