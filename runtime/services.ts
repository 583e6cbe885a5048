import { readFileSync } from 'node:fs'
import type { ConsolaInstance } from 'consola'
import type { Config } from './config/load.ts'
import type { Runtime } from './context.ts'
import { connectDatabase } from './db/pool.ts'
import { migrate } from './db/migrate.ts'
import { createCache } from './redis/cache.ts'
import { createBucket } from './storage/bucket.ts'
import { createLivekit } from './livekit/clients.ts'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

// Opens every dependency. Only the database is required: without it nothing can be served.
export async function openServices(config: Config, logger: ConsolaInstance) {
  // `npm run api` gives development a database (native/with-database.ts); `node runtime/main.ts` needs one.
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set: set it, or start with `npm run api`, which finds or starts a development PostgreSQL')
  const db = await connectDatabase(config.DATABASE_URL, logger)
  const applied = await migrate(db)
  logger.info(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date')
  const { cache, redis } = createCache(config.REDIS_URL, logger)
  const bucket = createBucket(config)
  const livekit = createLivekit(config)
  const runtime: Runtime = { config, logger, db, cache, redis, bucket, livekit, version, startedAt: Date.now() }
  const close = async () => {
    await Promise.allSettled([db.end(), redis.quit()])
    bucket.destroy()
  }
  return { runtime, close }
}

// Storage and LiveKit being down must not stop the API: say so and carry on.
export async function reportDependencies(runtime: Runtime): Promise<void> {
  const { bucket, livekit, logger, config } = runtime
  // Both at once: start-up waits for the slower of the two, not their sum.
  await Promise.all([
    bucket.ensure(config.S3_CREATE_BUCKET).then(
      (outcome) => logger.info(`Storage bucket "${bucket.name}" ${outcome}`),
      (error: Error) =>
        logger.warn(`Storage unavailable (bucket "${bucket.name}": ${error.name} ${error.message}); recordings will answer 503 until it returns`),
    ),
    livekit.rooms.listRooms().then(
      () => logger.info(`LiveKit reachable at ${config.LIVEKIT_URL}, API key accepted`),
      (error: Error) => logger.warn(`LiveKit not reachable at ${config.LIVEKIT_URL}: ${error.message}`),
    ),
  ])
}
