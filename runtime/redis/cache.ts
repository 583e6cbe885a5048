import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import type { Redis } from 'ioredis'
import type { ConsolaInstance } from 'consola'
import { redisClientOptions } from './client-options.ts'
import { failoverDriver } from './failover-driver.ts'

export interface Cache {
  /** unstorage over Redis, in-process while Redis is down */
  cache: Storage
  /** the same connection, for counters and sets unstorage has no verb for */
  redis: Redis
}

// One Redis connection, opened by unstorage's driver and shared with the rest of the runtime.
export function createCache(url: string, logger: ConsolaInstance): Cache {
  const primary = redisDriver({ url, base: 'meet', preConnect: true, ...redisClientOptions })
  const redis = primary.getInstance!() as Redis
  logDegradedMode(redis, logger)
  return { cache: createStorage({ driver: failoverDriver({ primary, redis }) }), redis }
}

function logDegradedMode(redis: Redis, logger: ConsolaInstance) {
  let degraded = false
  redis.on('ready', () => {
    if (degraded) logger.info('Redis is back; leaving degraded mode')
    degraded = false
  })
  redis.on('error', (error: Error) => {
    if (!degraded) logger.warn(`Redis unavailable (${error.message || 'connection refused'}); running degraded on in-process state`)
    degraded = true
  })
}
