import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import type { Redis } from 'ioredis'
import type { ConsolaInstance } from 'consola'
import { redisClientOptions } from './client.ts'
import { failoverDriver } from './failover-driver.ts'

export interface Cache {
  /** unstorage over Redis, in-process while Redis is down */
  cache: Storage
  /** the same connection, for counters and sets unstorage has no verb for */
  redis: Redis
}

// unstorage's Redis driver keeps `key` under `meet:key`.
const BASE = 'meet'
/** The Redis key under which the cache keeps `key` (for a read that goes to Redis directly). */
export const redisKeyOf = (key: string) => `${BASE}:${key}`

// One Redis connection, opened by unstorage's driver and shared with the rest of the runtime.
export function createCache(url: string, logger: ConsolaInstance): Cache {
  const primary = redisDriver({ url, base: BASE, preConnect: true, ...redisClientOptions })
  const redis = primary.getInstance!() as Redis
  logDegradedMode(redis, logger)
  return { cache: createStorage({ driver: failoverDriver({ primary, redis }) }), redis }
}

function logDegradedMode(redis: Redis, logger: ConsolaInstance) {
  let degraded = false
  let lastError = 'connection closed'
  redis.on('error', (error: Error) => (lastError = error.message || lastError))
  // "reconnecting" follows both a lost connection and a failed first connect.
  redis.on('reconnecting', () => {
    if (!degraded) logger.warn(`Redis unavailable (${lastError}); running degraded on in-process state`)
    degraded = true
  })
  redis.on('ready', () => {
    if (degraded) logger.info('Redis is back; leaving degraded mode')
    degraded = false
  })
}
