import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Room } from '@livekit/rtc-node'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import type { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { useServices } from '../../support/services.ts'

let stack: ApiStack
let host: ApiClient
let room: Room
const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)

async function egressEvent(event: string, egressInfo: Record<string, unknown>, id: string) {
  const body = webhookBody({ event, id, createdAt: 1_800_000_000, egressInfo: { roomName: 'rec-room', ...egressInfo } })
  return postWebhook(stack.runtime.url, body, await signWebhook(body, useServices().livekitKey, useServices().livekitSecret))
}

beforeAll(async () => {
  stack = await startApiStack({}, { redis: true })
  host = stack.client()
  await host.post('/meetings', { roomName: 'rec-room' })
  const { body } = await host.post('/token', { roomName: 'rec-room', participantName: 'Hana' })
  // Someone in the room, so there is something to record.
  room = new Room()
  await room.connect(body.serverUrl, body.participantToken, { autoSubscribe: false, dynacast: false })
})
afterAll(async () => {
  await room?.disconnect()
  await stack?.stop()
})

describe('recordings', () => {
  test('with no Egress worker, start answers 503 saying so, and stores nothing', async () => {
    const response = await host.post('/recordings/start', { roomName: 'rec-room' })
    expect(response.status).toBe(503)
    expect(response.body.error).toBe('service_unavailable')
    expect(response.body.message).toMatch(/^Recording is not available: LiveKit Egress did not accept the request .*Egress worker running/)
    expect(await query(stack.runtime.databaseUrl, 'select * from recordings')).toEqual([])
  }, 30_000)

  test('a guest cannot start or stop recordings', async () => {
    const guest = stack.client()
    expect((await guest.post('/recordings/start', { roomName: 'rec-room' })).status).toBe(403)
  })

  test('signed egress webhooks take a recording from active to complete; its presigned URL downloads the file', async () => {
    expect((await egressEvent('egress_started', { egressId: 'EG_rec1', status: 'EGRESS_ACTIVE', startedAt: ns(1_800_000_000) }, 'EV_eg_1')).status).toBe(200)
    const listed = await host.get('/recordings?roomName=rec-room')
    expect(listed.body.recordings).toMatchObject([{ egressId: 'EG_rec1', status: 'active', roomName: 'rec-room', downloadUrl: null }])

    const second = await host.post('/recordings/start', { roomName: 'rec-room' })
    expect(second).toMatchObject({ status: 409, body: { error: 'conflict', message: 'A recording is already running in this meeting' } })

    const key = 'recordings/rec-room/2026-11-23T040000.mp4'
    const ended = {
      egressId: 'EG_rec1',
      status: 'EGRESS_COMPLETE',
      startedAt: ns(1_800_000_000),
      endedAt: ns(1_800_000_090),
      fileResults: [{ filename: key, size: '11', duration: ns(90) }],
    }
    expect((await egressEvent('egress_ended', ended, 'EV_eg_2')).status).toBe(200)
    // A late, stale update must not move it back.
    expect((await egressEvent('egress_updated', { egressId: 'EG_rec1', status: 'EGRESS_ACTIVE' }, 'EV_eg_0')).status).toBe(200)

    const s3 = new S3Client({
      endpoint: useServices().s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    await s3.send(new PutObjectCommand({ Bucket: stack.runtime.env.S3_BUCKET, Key: key, Body: 'mp4 payload' }))

    const id = listed.body.recordings[0].id
    const detail = await host.get(`/recordings/${id}`)
    expect(detail.body.recording).toMatchObject({ status: 'complete', storagePath: key, fileSize: 11, durationSeconds: 90 })
    const download = await fetch(detail.body.downloadUrl)
    expect(download.status).toBe(200)
    expect(await download.text()).toBe('mp4 payload')
    // The list carries the same link: the recordings page needs no call per recording.
    const [finished] = (await host.get('/recordings?roomName=rec-room')).body.recordings
    expect(finished).toMatchObject({ id, status: 'complete', downloadUrl: expect.any(String) })
    expect(await (await fetch(finished.downloadUrl)).text()).toBe('mp4 payload')

    expect((await host.post('/recordings/stop', { recordingId: id })).status).toBe(409)
    const stats = await host.get('/meetings/rec-room/stats')
    expect(stats.body.recordings).toBe(1)
  })

  test('bad ids are 400 naming the field; unknown ones 404; strangers 403', async () => {
    expect(await host.get('/recordings/not-a-uuid')).toMatchObject({ status: 400, body: { details: { field: 'id' } } })
    expect(await host.post('/recordings/stop', { recordingId: 42 })).toMatchObject({ status: 400, body: { details: { field: 'recordingId' } } })
    expect((await host.get('/recordings/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await stack.client().get('/recordings?roomName=rec-room')).status).toBe(403)
  })
  test('a second running Egress in the same meeting (started outside the runtime) is taken calmly: set aside while it runs, listed once it ends', async () => {
    expect((await egressEvent('egress_started', { egressId: 'EG_run_a', status: 'EGRESS_ACTIVE' }, 'EV_two_1')).status).toBe(200)
    // Before the fix this was a 500 (and LiveKit retried it): the meeting already had a running recording.
    expect((await egressEvent('egress_started', { egressId: 'EG_run_b', status: 'EGRESS_ACTIVE' }, 'EV_two_2')).status).toBe(200)
    expect((await egressEvent('egress_updated', { egressId: 'EG_run_b', status: 'EGRESS_ENDING' }, 'EV_two_3')).status).toBe(200)
    const running = (await host.get('/recordings?roomName=rec-room')).body.recordings.filter((r: { status: string }) => r.status === 'active')
    expect(running.map((r: { egressId: string }) => r.egressId)).toEqual(['EG_run_a'])
    const file = { filename: 'recordings/rec-room/b.mp4', size: '5', duration: ns(3) }
    expect((await egressEvent('egress_ended', { egressId: 'EG_run_b', status: 'EGRESS_COMPLETE', fileResults: [file] }, 'EV_two_4')).status).toBe(200)
    expect((await egressEvent('egress_ended', { egressId: 'EG_run_a', status: 'EGRESS_COMPLETE', fileResults: [] }, 'EV_two_5')).status).toBe(200)
    const listed = (await host.get('/recordings?roomName=rec-room')).body.recordings
    expect(listed.find((r: { egressId: string }) => r.egressId === 'EG_run_b')).toMatchObject({ status: 'complete', storagePath: file.filename })
    expect(listed.find((r: { egressId: string }) => r.egressId === 'EG_run_a')).toMatchObject({ status: 'complete' })
    expect(stack.runtime.output()).not.toMatch(/one_running_recording_per_meeting/)
  })
})
