import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { freePort } from '../../../native/free-port.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'

const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)

/** A meeting hosted by `host` with one recording in `status`, its file at `key`. */
async function recordingIn(runtime: RunningRuntime, host: ApiClient, room: string, status: 'EGRESS_COMPLETE' | 'EGRESS_ACTIVE', key: string) {
  await host.post('/meetings', { roomName: room })
  const { livekitKey, livekitSecret } = useServices()
  const egressInfo = {
    egressId: `EG_${room}`,
    roomName: room,
    status,
    startedAt: ns(1_800_000_000),
    endedAt: ns(1_800_000_060),
    fileResults: [{ filename: key, size: '5', duration: ns(60) }],
  }
  const body = webhookBody({ event: status === 'EGRESS_COMPLETE' ? 'egress_ended' : 'egress_started', id: `EV_${room}`, createdAt: 1_800_000_060, egressInfo })
  expect((await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))).status).toBe(200)
  const [{ id }] = await query<{ id: string }>(
    runtime.databaseUrl,
    'select r.id from recordings r join meetings m on m.id = r.meeting_id where m.room_name = $1',
    [room],
  )
  return id
}

describe('DELETE /recordings/:id', () => {
  let runtime: RunningRuntime
  let host: ApiClient
  let s3: S3Client
  const key = 'recordings/del-room/2026-11-30T100000.mp4'

  beforeAll(async () => {
    runtime = await startRuntime(useServices())
    host = new ApiClient(runtime.url)
    s3 = new S3Client({
      endpoint: useServices().s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
  })
  afterAll(async () => {
    s3?.destroy()
    await runtime?.stop()
  })

  test('the host deletes a finished recording: the file and the row are gone, the deletion is audited', async () => {
    const id = await recordingIn(runtime, host, 'del-room', 'EGRESS_COMPLETE', key)
    await s3.send(new PutObjectCommand({ Bucket: runtime.env.S3_BUCKET, Key: key, Body: 'video' }))

    const guest = new ApiClient(runtime.url)
    const refused = await guest.request('DELETE', `/recordings/${id}`)
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden', message: "Only the meeting's hosts can delete a recording" } })

    const deleted = await host.request('DELETE', `/recordings/${id}`)
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBeUndefined()
    expect(await query(runtime.databaseUrl, 'select id from recordings where id = $1', [id])).toEqual([])
    await expect(s3.send(new HeadObjectCommand({ Bucket: runtime.env.S3_BUCKET, Key: key }))).rejects.toMatchObject({ name: 'NotFound' })
    expect(await query(runtime.databaseUrl, `select action, target from audit_log where action = 'recording.delete'`)).toEqual([
      { action: 'recording.delete', target: 'del-room' },
    ])
    expect((await host.get(`/recordings/${id}`)).status).toBe(404)
    expect((await host.request('DELETE', `/recordings/${id}`)).status).toBe(404)
  })

  test('a running recording is refused with 409; a bad id with 400 naming it', async () => {
    const id = await recordingIn(runtime, host, 'live-room', 'EGRESS_ACTIVE', 'recordings/live-room/x.mp4')
    expect(await host.request('DELETE', `/recordings/${id}`)).toMatchObject({
      status: 409,
      body: { error: 'conflict', message: 'The recording is still running: stop it before deleting it' },
    })
    expect(await query(runtime.databaseUrl, 'select id from recordings where id = $1', [id])).toHaveLength(1)
    expect(await host.request('DELETE', '/recordings/not-a-uuid')).toMatchObject({
      status: 400,
      body: { error: 'validation_failed', details: { field: 'id' } },
    })
  })

  test('storage unreachable: 503 with the error shape, and the recording row stays', async () => {
    const offline = await startRuntime(useServices(), { S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` })
    try {
      const owner = new ApiClient(offline.url)
      const id = await recordingIn(offline, owner, 'dark-room', 'EGRESS_COMPLETE', 'recordings/dark-room/y.mp4')
      const response = await owner.request('DELETE', `/recordings/${id}`)
      expect(response.status).toBe(503)
      expect(response.body).toMatchObject({ error: 'service_unavailable' })
      expect(response.body.message).toMatch(/^Recording storage could not delete recordings\/dark-room\/y\.mp4 .*nothing was removed, try again shortly$/)
      expect(await query(offline.databaseUrl, 'select id from recordings where id = $1', [id])).toHaveLength(1)
    } finally {
      await offline.stop()
    }
  })
})
