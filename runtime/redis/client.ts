import type { Redis, RedisOptions } from 'ioredis'

// Commands fail at once while Redis is down (no offline queue), so callers fall back instead
// of hanging; ioredis keeps reconnecting in the background with a capped backoff.
export const redisClientOptions: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (times) => Math.min(times * 200, 2_000),
}

/** Connected and answering: while it is not, callers fall back (in-process cache, local counters) or answer 503. */
export const isRedisReady = (redis: Redis) => redis.status === 'ready'
