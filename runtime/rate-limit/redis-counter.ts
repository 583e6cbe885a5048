import type { Redis } from 'ioredis'
import type { WindowCounter } from './memory-counter.ts'

// Shared by every runtime instance on the same Redis, so a client cannot spread requests to escape.
export function createRedisCounter(redis: Redis): WindowCounter {
  return {
    async increment(key, windowMs) {
      const [[, count]] = (await redis.multi().incr(key).pexpire(key, windowMs, 'NX').exec()) as [[null, number]]
      return count
    },
  }
}
