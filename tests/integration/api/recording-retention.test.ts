import { afterAll, expect, test } from 'vitest'
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { useServices } from '../../support/services.ts'
import { spawnRuntime, startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'

const runtimes: RunningRuntime[] = []
afterAll(() => Promise.all(runtimes.map((r) => r.stop())))

test('RECORDING_RETENTION_DAYS: finished recordings older than that lose file and row; newer and running ones stay', async () => {
  const first = await startRuntime(useServices())
  runtimes.push(first)
  const { S3_BUCKET: bucket } = first.env
  const [{ id: meetingId }] = await query<{ id: string }>(
    first.databaseUrl,
    `insert into meetings (room_name, host_identity) values ('old-room', 'u_host') returning id`,
  )
  const recording = (egress: string, status: string, daysAgo: number) =>
    query(
      first.databaseUrl,
      `insert into recordings (meeting_id, egress_id, storage_path, status, started_at, completed_at) values ($1, $2, $3, $4::varchar, now() - make_interval(days => $5::int), case when $4::varchar in ('complete', 'failed') then now() - make_interval(days => $5::int) end)`,
      [meetingId, egress, `recordings/old-room/${egress}.mp4`, status, daysAgo],
    )
  await recording('EG_old', 'complete', 40)
  await recording('EG_failed', 'failed', 31)
  await recording('EG_recent', 'complete', 3)
  await recording('EG_running', 'active', 45)
  const s3 = new S3Client({
    endpoint: useServices().s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  for (const egress of ['EG_old', 'EG_recent']) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `recordings/old-room/${egress}.mp4`, Body: 'video' }))
  await first.stop()

  // The sweep runs at start, then hourly.
  const second = await spawnRuntime({ ...first.env, RECORDING_RETENTION_DAYS: '30' })
  runtimes.push(second)
  const left = await eventually(
    () => query<{ egress_id: string }>(second.databaseUrl, 'select egress_id from recordings order by egress_id'),
    (rows) => rows.length === 2,
  )
  expect(left.map((r) => r.egress_id)).toEqual(['EG_recent', 'EG_running'])
  await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'recordings/old-room/EG_old.mp4' }))).rejects.toMatchObject({ name: 'NotFound' })
  await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'recordings/old-room/EG_recent.mp4' }))
  expect(second.output()).toContain('Task recording retention: deleted 2 recording(s) older than 30 days')
  expect(await query(second.databaseUrl, `select count(*)::int as n from audit_log where action = 'recording.expire'`)).toEqual([{ n: 2 }])
  s3.destroy()
})
