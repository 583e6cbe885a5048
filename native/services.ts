import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.ts'
import { startLivekit } from './livekit.ts'
import { startMinistack } from './ministack.ts'
import { startPostgres } from './postgres.ts'
import { startRedis } from './redis.ts'

/** Where a runtime finds the services it depends on. */
export interface ServiceUrls {
  databaseUrl: string
  redisUrl: string
  s3Endpoint: string
  /** ws:// for clients */
  livekitUrl: string
  /** http:// for the server API */
  livekitHttpUrl: string
  livekitKey: string
  livekitSecret: string
}

export interface ServiceOptions {
  /** prefix of the temp folder holding their data, removed on stop */
  name: string
  keys: { key: string; secret: string }
  redisAppendonly?: boolean
}

type Stoppable = { stop: () => Promise<void> }
const value = <T>(result: PromiseSettledResult<T>) => (result as PromiseFulfilledResult<T>).value

/**
 * One real PostgreSQL, Redis, MiniStack and LiveKit on free loopback ports, started side by side.
 * If any fails, those that came up are stopped and one error names every failure.
 */
export async function startServices({ name, keys, redisAppendonly }: ServiceOptions): Promise<{ urls: ServiceUrls; stop(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), `${name}-`))
  const results = await Promise.allSettled([
    startPostgres({ dataDir: join(root, 'postgres'), port: await freePort() }),
    startRedis({ port: await freePort(), dir: join(root, 'redis'), appendonly: redisAppendonly }),
    startMinistack({ port: await freePort() }),
    // Single-node LiveKit, kept out of the shared Redis so tests that flush it cannot disturb rooms.
    startLivekit({ port: await freePort(), keys, configDir: join(root, 'livekit') }),
  ])
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value as Stoppable] : []))
  const stop = async () => {
    await Promise.allSettled(started.map((service) => service.stop()))
    await rm(root, { recursive: true, force: true })
  }
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : []))
  if (failures.length) {
    await stop()
    throw new Error(`services did not start:\n\n${failures.join('\n\n')}`)
  }
  const [postgres, redis, ministack, livekit] = [value(results[0]), value(results[1]), value(results[2]), value(results[3])]
  const urls: ServiceUrls = {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    s3Endpoint: ministack.endpoint,
    livekitUrl: livekit.url,
    livekitHttpUrl: livekit.httpUrl,
    livekitKey: keys.key,
    livekitSecret: keys.secret,
  }
  return { urls, stop }
}
