import type { Redis } from 'ioredis'
import type { WindowCounter } from './memory-counter.ts'

// INCR and PEXPIRE for each key in one atomic script: the same count and expiry as MULTI/INCR/
// PEXPIRE/EXEC, in one command. ioredis sends it by SHA and reloads it after a Redis restart (NOSCRIPT).
const INCREMENT = `local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  redis.call('PEXPIRE', key, ARGV[i], 'NX')
end
return counts`

const MAX_HITS_PER_CALL = 500

type WithIncrement = Redis & { rateLimitIncrement(keyCount: number, ...keysThenWindows: Array<string | number>): Promise<number[]> }

interface Hit {
  key: string
  windowMs: number
  resolve(count: number): void
  reject(error: unknown): void
}

/**
 * Shared by every runtime instance on the same Redis, so a client cannot spread requests to escape.
 * The hits of all requests that arrive in one turn of the event loop go to Redis as one command,
 * sent once that turn's I/O is handled (setImmediate): under load that is one write and one reply
 * for several requests instead of one each, and every hit is still counted in Redis, in order.
 */
export function createRedisCounter(redis: Redis): WindowCounter {
  if (!('rateLimitIncrement' in redis)) redis.defineCommand('rateLimitIncrement', { lua: INCREMENT })
  let pending: Hit[] = []
  const send = () => {
    if (pending.length === 0) return
    const hits = pending
    pending = []
    ;(redis as WithIncrement).rateLimitIncrement(hits.length, ...hits.map((hit) => hit.key), ...hits.map((hit) => hit.windowMs)).then(
      (counts) => hits.forEach((hit, i) => hit.resolve(counts[i]!)),
      (error) => hits.forEach((hit) => hit.reject(error)),
    )
  }
  return {
    increment: (key, windowMs) =>
      new Promise((resolve, reject) => {
        if (pending.length === 0) setImmediate(send)
        pending.push({ key, windowMs, resolve, reject })
        // A flood must not make one call of unbounded size: its arguments and one long script in Redis.
        if (pending.length === MAX_HITS_PER_CALL) send()
      }),
  }
}
