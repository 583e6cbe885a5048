import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { startLoad } from '../../support/load.ts'
import { recordFigure } from '../../support/figures.ts'
import { startMinistack, type MinistackHandle, type MinistackOptions } from '../../../native/ministack.ts'
import { freePort } from '../../../native/free-port.ts'

let options: MinistackOptions
let ministack: MinistackHandle
let runtime: RunningRuntime
let host: ApiClient
let dataDir: string

const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)
const KEY = 'recordings/store-room/2026-11-23T050000.mp4'

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'meet-s3-fault-'))
  // Persistent, so the bucket and the file are still there when it comes back.
  options = { port: await freePort(), dataDir }
  ministack = await startMinistack(options)
  runtime = await startRuntime(useServices(), { S3_ENDPOINT: ministack.endpoint })
  host = new ApiClient(runtime.url)
  await host.post('/meetings', { roomName: 'store-room' })
  const { livekitKey, livekitSecret } = useServices()
  const egressInfo = {
    egressId: 'EG_store',
    roomName: 'store-room',
    status: 'EGRESS_COMPLETE',
    startedAt: ns(1_800_000_000),
    endedAt: ns(1_800_000_060),
    fileResults: [{ filename: KEY, size: '5', duration: ns(60) }],
  }
  const body = webhookBody({ event: 'egress_ended', id: 'EV_store_1', createdAt: 1_800_000_060, egressInfo })
  expect((await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))).status).toBe(200)
  const s3 = new S3Client({
    endpoint: ministack.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  await s3.send(new PutObjectCommand({ Bucket: runtime.env.S3_BUCKET, Key: KEY, Body: 'video' }))
  s3.destroy()
})
afterAll(async () => {
  await runtime?.stop()
  await ministack?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the S3 endpoint gone', () => {
  test('recording endpoints answer 503, everything else is unaffected, and downloads work again once it returns', async () => {
    const [{ id }] = await query<{ id: string }>(runtime.databaseUrl, 'select id from recordings')
    const detail = () => host.get(`/recordings/${id}`)
    expect((await detail()).body.downloadUrl).toMatch(/^http/)

    await ministack.stop()
    const gone = await eventually(detail, (r) => r.status === 503)
    expect(gone.body).toEqual({ error: 'service_unavailable', message: 'Recording storage is unreachable right now; try again shortly' })
    const start = await host.post('/recordings/start', { roomName: 'store-room' })
    expect(start).toMatchObject({ status: 503, body: { error: 'service_unavailable' } })

    // Everything that does not hand out a file keeps working meanwhile.
    const { livekitKey, livekitSecret } = useServices()
    const unexpected: unknown[] = []
    const tally = await startLoad({ workers: 4, maxRequests: 200, maxMs: 20_000 }, async (w, i) => {
      const visitor = new ApiClient(runtime.url)
      const answers = [
        () => visitor.post('/meetings', { roomName: `s3-${w}-${i}` }),
        () => visitor.post('/token', { roomName: 'store-room' }),
        () => host.get('/recordings?roomName=store-room'),
        () => host.get('/meetings/store-room/stats'),
        async () => {
          const body = webhookBody({ event: 'room_started', id: `EV_s3_${w}_${i}`, createdAt: 1_800_000_100, room: { name: 'store-room' } })
          return postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
        },
      ]
      const response = await answers[i % answers.length]()
      if (response.status >= 300) unexpected.push({ status: response.status, body: response.body })
      return response.status
    }).done
    const health = await fetch(`${runtime.url}/health`)
    const report = await health.json()
    expect(health.status).toBe(200)
    expect(report).toMatchObject({ status: 'degraded', checks: { storage: { status: 'down' }, database: { status: 'ok' } } })
    const recordings = await query(runtime.databaseUrl, 'select egress_id from recordings')

    ministack = await startMinistack(options)
    const back = await eventually(detail, (r) => r.status === 200, 30_000)
    const download = await fetch(back.body.downloadUrl)
    const content = await download.text()
    // Past the storage check: with nobody in the room, Egress has nothing to record (409), not a 503.
    const restarted = await host.post('/recordings/start', { roomName: 'store-room' })

    await recordFigure('fault-storage', {
      area: 'Faults',
      scenario: 'S3 endpoint (MiniStack) stopped, then restarted on its data dir',
      checked:
        'recording start and download answer 503 with nothing stored; meetings, tokens, lists, stats, webhooks all 2xx meanwhile; health degraded; downloads work again',
      requests: tally.requests + 4,
      errors: unexpected.length + tally.connectionErrors,
      rowsLost: content === 'video' ? 0 : 1,
      notes: `503 from recording endpoints while down: 2 of 2; other requests 2xx: ${tally.requests - unexpected.length} of ${tally.requests}`,
    })

    expect(unexpected).toEqual([])
    expect(tally.connectionErrors).toBe(0)
    expect(recordings).toEqual([{ egress_id: 'EG_store' }])
    expect(download.status).toBe(200)
    expect(content).toBe('video')
    expect(restarted.status).toBe(409)
  }, 120_000)
})
