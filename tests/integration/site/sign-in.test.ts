import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import { startOidcProvider, type TestProvider } from '../../support/oidc-provider.ts'
import { addMember } from '../../support/accounts.ts'
import { query } from '../../support/db.ts'
import { useServices } from '../../support/services.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { freePort } from '../../../native/free-port.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'
import { launchChromium, screenshots, viewports } from './support/browser.ts'

// Signing in through a real OpenID provider's login and consent pages, in the members mode:
// the runtime, LiveKit, PostgreSQL and Redis are real, and so is the browser.
let stack: ApiStack
let provider: TestProvider
let site: RunningSite
let browser: Browser
const contexts: BrowserContext[] = []
const CLIENT_SECRET = 'browser-test-client-secret'

beforeAll(async () => {
  const [sitePort, providerPort] = [await freePort(), await freePort()]
  const siteUrl = `http://127.0.0.1:${sitePort}`
  provider = await startOidcProvider({ port: providerPort, clientId: 'meet', clientSecret: CLIENT_SECRET, redirectUri: `${siteUrl}/api/auth/oidc/callback` })
  ;[stack] = await Promise.all([
    startApiStack({
      ACCESS_MODE: 'members',
      PUBLIC_URL: siteUrl,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'meet',
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_PROVIDER_NAME: 'Test Provider',
      OIDC_ALLOWED_DOMAINS: 'example.com',
    }),
    ensureSiteBuilt(),
  ])
  site = await startSite(stack.runtime, sitePort)
  browser = await launchChromium()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await site?.stop()
  await stack?.stop()
  await provider?.stop()
})

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: viewports.desktop })
  contexts.push(context)
  return context.newPage()
}

/** The provider's own pages: its login form (any password), then its consent page. */
async function signInAtProvider(page: Page, login: string) {
  await page.click('text=Sign in with Test Provider')
  await page.waitForURL(`${provider.issuer}/**`)
  await page.fill('input[name=login]', login)
  await page.fill('input[name=password]', 'whatever-the-provider-accepts')
  await page.click('button[type=submit]')
  await page.waitForSelector('text=Continue')
  await page.click('text=Continue')
}

const meetingAsSeenBy = (page: Page, room: string) => page.evaluate(async (name) => (await (await fetch(`/api/meetings/${name}`)).json()).meeting, room)
const sessionCookie = async (page: Page) => (await page.context().cookies()).find((c) => c.name === 'meet_sid')

describe('signing in through an OpenID provider', () => {
  test("home asks to sign in; the provider's login and consent lead back signed in; the member starts a meeting and hosts it", async () => {
    const page = await newPage()
    await page.goto(site.url)
    expect(await page.locator('form[action="/new"]').count()).toBe(0)
    await page.click('text=Sign in to start a meeting')
    await page.waitForURL(`${site.url}/sign-in`)
    await screenshots(page, 'sign-in')
    await signInAtProvider(page, 'ada@example.com')
    await page.waitForURL(`${site.url}/`)
    expect(await page.locator('.site-header .who').textContent()).toBe('Ada')
    await page.fill('#new-room', 'sso-room')
    await page.click('text=Start meeting')
    await page.waitForURL(`${site.url}/rooms/sso-room`)
    expect(await meetingAsSeenBy(page, 'sso-room')).toMatchObject({ isHost: true, role: 'owner' })
    // A member's meeting starts with the lobby on: guests wait for a host (LOBBY_DEFAULT unset).
    expect(await page.evaluate(async () => (await (await fetch('/api/meetings/sso-room/settings')).json()).settings)).toMatchObject({ lobby: true })
  })

  test('on a second browser the same member is a guest until signed in there too, then host', async () => {
    const page = await newPage()
    await page.goto(`${site.url}/rooms/sso-room`)
    expect(await meetingAsSeenBy(page, 'sso-room')).toMatchObject({ isHost: false, role: 'guest' })
    await page.goto(`${site.url}/sign-in?returnTo=/rooms/sso-room`)
    await signInAtProvider(page, 'ada@example.com')
    await page.waitForURL(`${site.url}/rooms/sso-room`)
    expect(await meetingAsSeenBy(page, 'sso-room')).toMatchObject({ isHost: true, role: 'owner' })

    // Signing out there ends that session only.
    await page.goto(site.url)
    await page.click('text=Sign out')
    await page.waitForURL(`${site.url}/`)
    expect(await page.locator('text=Sign in to start a meeting').count()).toBe(1)
    expect(await sessionCookie(page)).toBeUndefined()
    expect(await meetingAsSeenBy(contexts[0].pages()[0], 'sso-room')).toMatchObject({ isHost: true })
  })

  test('the owner shares a finished recording from the recordings page', async () => {
    const { livekitKey, livekitSecret } = useServices()
    const ended = webhookBody({
      event: 'egress_ended',
      id: 'EV_sso_rec',
      createdAt: 1_800_000_000,
      egressInfo: {
        roomName: 'sso-room',
        egressId: 'EG_sso',
        status: 'EGRESS_COMPLETE',
        fileResults: [{ filename: 'recordings/sso-room/a.mp4', size: '10', duration: '1000000000' }],
      },
    })
    expect((await postWebhook(stack.runtime.url, ended, await signWebhook(ended, livekitKey, livekitSecret))).status).toBe(200)
    const owner = contexts[0].pages()[0]
    await owner.goto(`${site.url}/rooms/sso-room/recordings`)
    await owner.click('text=Share with everyone who joined')
    await owner.waitForURL(`${site.url}/rooms/sso-room/recordings`)
    await owner.locator('text=Stop sharing').waitFor()
    expect(await query(stack.runtime.databaseUrl, 'select shared from recordings')).toEqual([{ shared: true }])
  })

  test('an email domain the policy does not allow ends on the sign-in page with the reason, and no session', async () => {
    const page = await newPage()
    await page.goto(`${site.url}/sign-in`)
    await signInAtProvider(page, 'mallory@evil.example')
    await page.waitForURL(`${site.url}/sign-in?error=oidc_not_allowed`)
    expect(await page.locator('[role=alert]').textContent()).toBe(
      'Your account at the sign-in provider is not allowed to sign in here. Ask an admin of this site.',
    )
    expect(await sessionCookie(page)).toBeUndefined()
  })

  test('a password account signs in with the form, without JavaScript', async () => {
    await addMember(stack.runtime.databaseUrl, 'linus@example.com', 'a long enough passphrase')
    const context = await browser.newContext({ viewport: viewports.desktop, javaScriptEnabled: false })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${site.url}/sign-in`)
    await page.fill('#email', 'linus@example.com')
    await page.fill('#password', 'not the passphrase')
    await page.click('text=Sign in with email')
    await page.waitForURL(`${site.url}/sign-in?error=wrong&returnTo=%2F`)
    expect(await page.locator('[role=alert]').textContent()).toBe('The email or password is not right.')
    await page.fill('#email', 'linus@example.com')
    await page.fill('#password', 'a long enough passphrase')
    await page.click('text=Sign in with email')
    await page.waitForURL(`${site.url}/`)
    expect(await page.locator('.site-header .who').textContent()).toBe('linus')
    expect(await page.locator('form[action="/new"]').count()).toBe(1)
  })
})
