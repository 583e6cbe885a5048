import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../native/free-port.ts'
import { startLivekit } from '../native/livekit.ts'
import { startMinistack } from '../native/ministack.ts'
import { startPostgres } from '../native/postgres.ts'
import { startRedis } from '../native/redis.ts'
import type { ServiceUrls } from '../tests/support/services.ts'

export interface BenchStack {
  services: ServiceUrls
  stop(): Promise<void>
}

const keys = { key: 'meet-bench', secret: 'meet-bench-secret-at-least-32-characters' }

/** The real services the runtime needs, started once for the whole benchmark run. */
export async function startBenchStack(): Promise<BenchStack> {
  const root = await mkdtemp(join(tmpdir(), 'meet-bench-'))
  const postgres = await startPostgres({ dataDir: join(root, 'postgres'), port: await freePort() })
  const redis = await startRedis({ port: await freePort(), dir: join(root, 'redis'), appendonly: false })
  const ministack = await startMinistack({ port: await freePort() })
  const livekit = await startLivekit({ port: await freePort(), keys, configDir: join(root, 'livekit') })
  const services: ServiceUrls = {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    s3Endpoint: ministack.endpoint,
    livekitUrl: livekit.url,
    livekitHttpUrl: livekit.httpUrl,
    livekitKey: keys.key,
    livekitSecret: keys.secret,
  }
  return {
    services,
    async stop() {
      await Promise.allSettled([livekit.stop(), ministack.stop(), redis.stop(), postgres.stop()])
      await rm(root, { recursive: true, force: true })
    },
  }
}
