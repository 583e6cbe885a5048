import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { readRepoFile } from '../unit/stack/support/stack-files.ts'
import { launchChromium, viewports } from '../integration/site/support/browser.ts'
import { joinAs, waitForVideo } from '../integration/site/support/meeting-page.ts'
import { useContainerEngine } from './support/context.ts'
import { composeStack, serviceStates, type ComposeStack } from './support/compose-stack.ts'
import { docker } from './support/engine.ts'
import { appImage } from './support/images.ts'
import { recordImageSizes } from './support/image-sizes.ts'

// compose.yaml run the way a user runs it on a server (production profile, Caddy with
// Caddyfile.local's internal TLS), on a real Docker engine, with images built from this
// repository. Here the Docker Hub images are local stand-ins and Egress is left out; the
// GitHub workflow's `containers` job runs the same file on the official images, Egress included.
const engine = useContainerEngine()
const expectedServices = ['caddy', 'livekit', 'ministack', 'postgres', 'redis', 'runtime', 'site', ...(engine.standIns ? [] : ['egress'])].sort()

describe.skipIf(!engine.host)(`compose.yaml on a real Docker engine${engine.missing ? ` (skipped: ${engine.missing})` : ''}`, () => {
  const host = engine.host!
  let stack: ComposeStack
  let browser: Browser
  let hostContext: BrowserContext
  let ada: Page
  let grace: Page
  let roomPath: string
  let adaIdentity: string

  const containerOf = (service: string) => serviceStates(stack).find((state) => state.Service === service)!.Name
  const inBrowser = <T>(page: Page, path: string) =>
    page.evaluate(async (target) => {
      const response = await fetch(target)
      return { status: response.status, body: await response.json().catch(() => undefined) }
    }, path) as Promise<{ status: number; body: T }>
  const headersOf = (page: Page, path: string) => page.evaluate(async (target) => Object.fromEntries((await fetch(target)).headers), path)

  beforeAll(async () => {
    stack = await composeStack({ host, standIns: engine.standIns })
    // Leftovers of an interrupted run would hold the names and volumes.
    stack.compose(['down', '--volumes', '--remove-orphans'], { allowFailure: true })
    stack.compose(['up', '--detach', '--wait', '--wait-timeout', '420'])
    browser = await launchChromium({ extraArgs: ['--ignore-certificate-errors'] })
    hostContext = await browser.newContext({ viewport: viewports.desktop })
    ada = await hostContext.newPage()
    grace = await (await browser.newContext({ viewport: viewports.desktop })).newPage()
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    if (!stack) return
    const failed = serviceStates(stack).filter((state) => state.Health && state.Health !== 'healthy')
    if (failed.length) console.error(stack.compose(['logs', '--no-color', '--tail', '60'], { allowFailure: true }).stdout)
    stack.remove()
  }, 180_000)

  test('every service is up and healthy by the health check compose.yaml gives it, run inside its image', () => {
    const states = serviceStates(stack)
    expect(states.map((state) => state.Service).sort()).toEqual(expectedServices)
    for (const state of states)
      expect({ service: state.Service, state: state.State, health: state.Health }).toEqual({ service: state.Service, state: 'running', health: 'healthy' })
  })

  test('the runtime and the site run as a non-root user', () => {
    for (const service of ['runtime', 'site']) {
      expect(docker(host, ['exec', containerOf(service), 'id', '-un']).stdout.trim()).toBe('node')
      expect(docker(host, ['exec', containerOf(service), 'id', '-u']).stdout.trim()).not.toBe('0')
    }
  })

  test("the runtime image's node_modules hold its production dependencies and no development package", () => {
    const listing = docker(host, [
      'run',
      '--rm',
      '--entrypoint',
      'node',
      appImage('runtime'),
      '-e',
      "const {readdirSync}=require('node:fs');const top=readdirSync('node_modules');console.log(JSON.stringify(top.flatMap((n)=>n.startsWith('@')?readdirSync('node_modules/'+n).map((s)=>n+'/'+s):[n])))",
    ]).stdout
    const installed: string[] = JSON.parse(listing)
    const root = JSON.parse(readRepoFile('package.json'))
    const runtime = JSON.parse(readRepoFile('runtime/package.json'))
    const site = JSON.parse(readRepoFile('site/package.json'))
    for (const name of Object.keys(runtime.dependencies)) expect(installed).toContain(name)
    // What the runtime's dependencies pull in may also be a development package of the root
    // (@smithy/signature-v4 comes with the S3 SDK): the lockfile says what production needs.
    const needed = productionClosure(JSON.parse(readRepoFile('package-lock.json')), Object.keys(runtime.dependencies))
    const unwanted = [
      ...Object.keys(root.devDependencies),
      ...Object.keys(root.optionalDependencies),
      ...Object.keys(site.dependencies),
      'vite',
      'esbuild',
      '@vitest/runner',
    ].filter((name) => !needed.includes(name))
    expect(installed.filter((name) => unwanted.includes(name))).toEqual([])
    recordImageSizes(host, { standIns: engine.standIns, runtimePackages: installed })
  })

  test('Caddy serves the site over HTTPS with its security headers and routes /api to the runtime', async () => {
    const home = await ada.goto(`${stack.url}/`)
    expect(home!.status()).toBe(200)
    const headers = await headersOf(ada, '/')
    expect(headers).toMatchObject({
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    })
    expect(headers.server).toBeUndefined()
    expect((await inBrowser(ada, '/api/health/live')).status).toBe(200)
    // Ready means the runtime reaches PostgreSQL, Redis, S3 and LiveKit by their service names.
    expect((await inBrowser(ada, '/api/health/ready')).status).toBe(200)
  })

  test('two people meet through Caddy: token from /api, signalling over wss://…/rtc, each sees the other', async () => {
    await ada.click('text=Start meeting')
    await ada.locator('#prejoin-title').waitFor()
    roomPath = new URL(ada.url()).pathname
    await joinAs(ada, 'Ada')
    await grace.goto(`${stack.url}${roomPath}`)
    await joinAs(grace, 'Grace')
    await waitForVideo(ada, 'Grace')
    await waitForVideo(grace, 'Ada')
    expect(await ada.locator('#participant-count').textContent()).toBe('2 people')
  })

  test('a chat message sent by one appears for the other', async () => {
    await ada.click('#toggle-chat')
    await ada.fill('#chat-input', 'Hello from the containers')
    await ada.press('#chat-input', 'Enter')
    await grace.click('#toggle-chat')
    await grace.locator('#chat-messages li', { hasText: 'Hello from the containers' }).waitFor({ timeout: 20_000 })
  })

  test.runIf(engine.standIns)('the host asks to record and is told clearly that no Egress worker runs', async () => {
    await ada.click('#toggle-recording')
    await ada.locator('.toast[role="alert"]', { hasText: 'Recording is not available' }).waitFor({ timeout: 60_000 })
  })

  test.runIf(!engine.standIns)(
    'the host records: Egress uploads the file to the bucket and it downloads from the recordings page',
    async () => {
      await ada.click('#toggle-recording')
      await ada.locator('#recording-indicator').waitFor({ state: 'visible', timeout: 90_000 })
      await grace.locator('#recording-indicator').waitFor({ state: 'visible', timeout: 30_000 })
      await ada.waitForTimeout(8_000) // a few seconds of two people on camera
      await ada.click('#toggle-recording')
      await ada.locator('#recording-indicator').waitFor({ state: 'hidden', timeout: 90_000 })
      const list = await hostContext.newPage()
      await list.goto(`${stack.url}${roomPath}/recordings`)
      const row = list.locator('tr.recording').first()
      await expect
        .poll(
          async () => {
            await list.reload()
            return row.locator('[data-label="Status"]').textContent()
          },
          { timeout: 120_000, interval: 3_000 },
        )
        .toContain('Ready')
      const href = await row.locator('a', { hasText: 'Download' }).getAttribute('href')
      const download = await fetch(href!)
      expect(download.status).toBe(200)
      const file = Buffer.from(await download.arrayBuffer())
      expect(file.length).toBeGreaterThan(10_000)
      expect(file.subarray(4, 8).toString('latin1')).toBe('ftyp') // an MP4 container
      await list.close()
    },
    360_000,
  )

  test('`docker compose down` and `up` again keep the meeting and the visitor session (named volumes)', async () => {
    const before = await inBrowser<{ identity: string }>(ada, '/api/session')
    expect(before.status).toBe(200)
    adaIdentity = before.body.identity
    const roomName = roomPath.split('/').at(-1)!
    expect((await inBrowser(ada, `/api/meetings/${roomName}`)).status).toBe(200)
    await ada.goto('about:blank')
    await grace.goto('about:blank')

    stack.compose(['down'])
    expect(serviceStates(stack)).toEqual([])
    stack.compose(['up', '--detach', '--wait', '--wait-timeout', '420'])

    await ada.goto(`${stack.url}/`)
    const after = await inBrowser<{ identity: string }>(ada, '/api/session')
    expect(after).toEqual({ status: 200, body: expect.objectContaining({ identity: adaIdentity }) })
    expect((await inBrowser(ada, `/api/meetings/${roomName}`)).status).toBe(200)
  }, 600_000)
})

/** Every package the lockfile resolves for `names` and their dependencies, as hoisted under node_modules/. */
function productionClosure(
  lock: { packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }> },
  names: string[],
): string[] {
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    const entry = lock.packages[`runtime/node_modules/${name}`] ?? lock.packages[`node_modules/${name}`]
    for (const dependency of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) visit(dependency)
  }
  for (const name of names) visit(name)
  return [...seen]
}
