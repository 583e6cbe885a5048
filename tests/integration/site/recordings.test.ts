import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import { useServices } from '../../support/services.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { freePort } from '../../../native/free-port.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'
import { launchChromium, viewports } from './support/browser.ts'

// The recordings page's delete button and storage figure, in a browser against the real runtime
// and MiniStack. The bucket is this file's own, so its use is exactly what the test puts there.
let stack: ApiStack
let site: RunningSite
let browser: Browser
let hostContext: BrowserContext
let host: Page
let guest: Page
let s3: S3Client
const roomName = 'quarterly-review'
const bucket = `meet-recordings-page-${randomBytes(4).toString('hex')}`
const key = `recordings/${roomName}/deleted-later.mp4`
const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)

async function webhook(event: Record<string, unknown> & { event: string; id: string }) {
  const { livekitKey, livekitSecret } = useServices()
  const body = webhookBody({ createdAt: 1_800_000_000, ...event })
  return postWebhook(stack.runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
}

beforeAll(async () => {
  const sitePort = await freePort()
  ;[stack] = await Promise.all([
    startApiStack({ PUBLIC_URL: `http://127.0.0.1:${sitePort}`, S3_BUCKET: bucket, S3_CREATE_BUCKET: 'true', STORAGE_BUDGET_GB: '1' }),
    ensureSiteBuilt(),
  ])
  site = await startSite(stack.runtime, sitePort)
  s3 = new S3Client({
    endpoint: useServices().s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  browser = await launchChromium()
  hostContext = await browser.newContext({ viewport: viewports.desktop })
  host = await hostContext.newPage()
  guest = await (await browser.newContext({ viewport: viewports.desktop })).newPage()
  // The host starts the meeting; the guest joins it (as LiveKit reports it) under their session's identity.
  await host.goto(site.url)
  await host.fill('#new-room', roomName)
  await host.click('text=Start meeting')
  await host.waitForURL(`${site.url}/rooms/${roomName}`)
  await guest.goto(site.url)
  const { identity } = await guest.evaluate(async () =>
    (await fetch('/api/session', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"displayName":"Grace"}' })).json(),
  )
  expect(
    (
      await webhook({
        event: 'participant_joined',
        id: 'EV_rec_page_1',
        room: { name: roomName },
        participant: { sid: 'PA_rec_grace', identity, name: 'Grace', joinedAt: '1800000001' },
      })
    ).status,
  ).toBe(200)
  // A finished recording of 2.5 MB in the bucket.
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.alloc(2_500_000) }))
  const egress = { roomName, egressId: 'EG_rec_page', startedAt: ns(1_800_000_000) }
  expect((await webhook({ event: 'egress_started', id: 'EV_rec_page_2', egressInfo: { ...egress, status: 'EGRESS_ACTIVE' } })).status).toBe(200)
  const ended = { ...egress, status: 'EGRESS_COMPLETE', endedAt: ns(1_800_000_600), fileResults: [{ filename: key, size: '2500000', duration: ns(600) }] }
  expect((await webhook({ event: 'egress_ended', id: 'EV_rec_page_3', egressInfo: ended })).status).toBe(200)
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await site?.stop()
  await stack?.stop()
})

describe('the recordings page: storage and deleting', () => {
  test("hosts see the bucket's use against its budget", async () => {
    await host.goto(`${site.url}/rooms/${roomName}/recordings`)
    const storage = host.locator('section.storage')
    expect(await storage.locator('p').first().textContent()).toMatch(
      /^2\.4 MB of 1 GB used \(0%\), by the recordings of every meeting and the nightly backups\.$/,
    )
    expect(Number(await storage.locator('meter').getAttribute('value'))).toBeCloseTo(2_500_000 / 1024 ** 3, 6)
  })

  test('someone who only joined sees a shared recording, but neither Delete nor the storage figure', async () => {
    await host.locator('tr.recording button', { hasText: 'Share with everyone who joined' }).click()
    await host.locator('tr.recording button', { hasText: 'Stop sharing' }).waitFor()
    await guest.goto(`${site.url}/rooms/${roomName}/recordings`)
    await guest.locator('tr.recording').waitFor()
    expect(await guest.locator('tr.recording summary', { hasText: 'Delete' }).count()).toBe(0)
    expect(await guest.locator('section.storage').count()).toBe(0)
  })

  test('the host deletes a recording after confirming: the row and the file are gone', async () => {
    const row = host.locator('tr.recording').first()
    // Nothing happens on the first click but the question.
    await row.locator('summary', { hasText: 'Delete' }).click()
    const confirm = row.locator('form.confirm')
    expect(await confirm.locator('p').textContent()).toMatch(
      /^Delete the recording from .+\? The file is removed from storage for everyone; this cannot be undone\.$/,
    )
    expect(await host.locator('tr.recording').count()).toBe(1)
    await confirm.locator('button', { hasText: 'Delete for good' }).click()
    await host.waitForURL(`${site.url}/rooms/${roomName}/recordings?deleted=1`)
    expect(await host.locator('.notice[role="status"]').textContent()).toBe('The recording was deleted.')
    expect(await host.locator('tr.recording').count()).toBe(0)
    expect(
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
        () => 'there',
        (error: Error) => error.name,
      ),
    ).toBe('NotFound')
  })

  test('a delete the bucket refused is said plainly, and the recording is kept', async () => {
    await host.goto(`${site.url}/rooms/${roomName}/recordings?not-deleted=503`)
    expect(await host.locator('.notice[role="alert"]').textContent()).toBe(
      'The file could not be deleted from storage right now, so the recording was kept. Try again in a moment.',
    )
  })
})
