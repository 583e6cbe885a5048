import { afterAll, describe, expect, test } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { useServices } from '../../support/services.ts'
import { runtimeEnv, spawnRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { recordFigure } from '../../support/figures.ts'
import { startPostgres, type PostgresHandle } from '../../../native/postgres.ts'
import { startRedis, type RedisHandle } from '../../../native/redis.ts'
import { startMinistack, type MinistackHandle } from '../../../native/ministack.ts'
import { freePort } from '../../../native/free-port.ts'

const running: Array<{ stop: () => Promise<unknown> }> = []
let root: string
afterAll(async () => {
  for (const service of running.reverse()) await service.stop()
  if (root) await rm(root, { recursive: true, force: true })
})

const ns = (seconds: number) => String(BigInt(seconds) * 1_000_000_000n)

describe('persistence round trip', () => {
  test('everything written before a full stop of every service is there after they all start again', async () => {
    root = await mkdtemp(join(tmpdir(), 'meet-persist-'))
    const ports = { postgres: await freePort(), redis: await freePort(), s3: await freePort() }
    // Each service keeps its data in a directory, as the Compose volumes and .data/ do.
    const startAll = async () => {
      const postgres: PostgresHandle = await startPostgres({ dataDir: join(root, 'postgres'), port: ports.postgres })
      const redis: RedisHandle = await startRedis({ port: ports.redis, dir: join(root, 'redis') })
      const s3: MinistackHandle = await startMinistack({ port: ports.s3, dataDir: join(root, 's3') })
      running.push(s3, redis, postgres)
      return { postgres, redis, s3 }
    }
    let services = await startAll()
    const env = await runtimeEnv(useServices(), { DATABASE_URL: services.postgres.url, REDIS_URL: services.redis.url, S3_ENDPOINT: services.s3.endpoint })
    let runtime: RunningRuntime = await spawnRuntime(env)
    running.push(runtime)

    const host = new ApiClient(runtime.url)
    await host.put('/session', { displayName: 'Persistent Pat' })
    const meeting = (await host.post('/meetings', { roomName: 'kept-room' })).body.meeting
    const { livekitKey, livekitSecret } = useServices()
    const key = 'recordings/kept-room/2026-11-23T060000.mp4'
    const events = [
      {
        event: 'participant_joined',
        id: 'EV_keep_1',
        createdAt: 1_800_000_000,
        room: { name: 'kept-room' },
        participant: { sid: 'PA_keep', identity: 'u_keep', name: 'Kim', joinedAt: '1800000000' },
      },
      {
        event: 'participant_left',
        id: 'EV_keep_2',
        createdAt: 1_800_000_300,
        room: { name: 'kept-room' },
        participant: { sid: 'PA_keep', identity: 'u_keep', name: 'Kim', joinedAt: '1800000000' },
      },
      {
        event: 'egress_ended',
        id: 'EV_keep_3',
        createdAt: 1_800_000_300,
        egressInfo: {
          egressId: 'EG_keep',
          roomName: 'kept-room',
          status: 'EGRESS_COMPLETE',
          startedAt: ns(1_800_000_000),
          endedAt: ns(1_800_000_300),
          fileResults: [{ filename: key, size: '4', duration: ns(300) }],
        },
      },
    ]
    for (const event of events) {
      const body = webhookBody(event)
      expect((await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))).status).toBe(200)
    }
    const s3 = new S3Client({
      endpoint: services.s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    await s3.send(new PutObjectCommand({ Bucket: env.S3_BUCKET, Key: key, Body: 'kept' }))
    s3.destroy()
    const read = async () => ({
      session: (await host.get('/session')).body,
      meeting: (await host.get('/meetings/kept-room')).body.meeting,
      participants: (await host.get('/meetings/kept-room/participants')).body,
      stats: (await host.get('/meetings/kept-room/stats')).body,
      // A download URL is presigned when asked for (its X-Amz-Date moves): compared is that there is one.
      recordings: ((await host.get('/recordings?roomName=kept-room')).body.recordings as Array<{ id: string; downloadUrl: string | null }>).map(
        ({ downloadUrl, ...rest }) => ({ ...rest, downloadable: downloadUrl !== null }),
      ),
    })
    const before = await read()

    expect(await runtime.stop()).toBe(0)
    await Promise.all([services.postgres.stop(), services.redis.stop(), services.s3.stop()])
    services = await startAll()
    // The same configuration, as after a reboot: no migration to apply, no bucket to create.
    runtime = await spawnRuntime(env)
    running.push(runtime)
    const after = await read()
    const detail = await host.get(`/recordings/${before.recordings[0].id}`)
    const file = await (await fetch(detail.body.downloadUrl)).text()

    const compared = ['session', 'meeting', 'participants', 'stats', 'recordings'] as const
    const differing = compared.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    await recordFigure('fault-persistence', {
      area: 'Faults',
      scenario: 'Full stop of runtime, PostgreSQL, Redis and MiniStack, then all started again on their data dirs',
      checked: 'the same session (identity, name), meeting and host role, participants, stats, recordings and the recorded file',
      requests: 2 + events.length + 2 * compared.length + 1,
      errors: 0,
      rowsLost: differing.length + (file === 'kept' ? 0 : 1),
      notes: `compared: ${compared.join(', ')}, file bytes; differing: ${differing.length ? differing.join(', ') : 'none'}`,
    })

    expect(runtime.output()).toContain('Database schema is up to date')
    expect(after).toEqual(before)
    expect(after.meeting).toMatchObject({ id: meeting.id, isHost: true })
    expect(after.session.displayName).toBe('Persistent Pat')
    expect(after.participants.past).toHaveLength(1)
    expect(after.recordings).toMatchObject([{ egressId: 'EG_keep', status: 'complete' }])
    expect(file).toBe('kept')
  }, 120_000)
})
