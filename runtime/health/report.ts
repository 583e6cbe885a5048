import { HeadBucketCommand } from '@aws-sdk/client-s3'
import type { Runtime } from '../context.ts'
import { probe, type Check } from './probe.ts'

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down'
  version: string
  uptimeSeconds: number
  checks: Record<'database' | 'redis' | 'storage' | 'livekit', Check>
}

// The database is essential (down); Redis, storage and LiveKit only degrade the service.
export async function healthReport(runtime: Runtime): Promise<HealthReport> {
  const { db, redis, bucket, livekit } = runtime
  const [database, redisCheck, storage, livekitCheck] = await Promise.all([
    probe(() => db.query('select 1')),
    redis.status === 'ready' ? probe(() => redis.ping()) : Promise.resolve<Check>({ status: 'down', latencyMs: 0, error: `connection ${redis.status}` }),
    probe(() => bucket.client.send(new HeadBucketCommand({ Bucket: bucket.name }))),
    probe(() => livekit.rooms.listRooms()),
  ])
  const checks = { database, redis: redisCheck, storage, livekit: livekitCheck }
  const status = database.status === 'down' ? 'down' : Object.values(checks).some((c) => c.status === 'down') ? 'degraded' : 'ok'
  return { status, version: runtime.version, uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000), checks }
}
