import type { Redis } from 'ioredis'
import type { WindowCount, WindowCounter } from './memory-counter.ts'

// INCR and PEXPIRE for each hit's key in one atomic script (the same count and expiry as MULTI/
// INCR/PEXPIRE/EXEC), then GET for each key read along. A missing key's GET is false, which Redis
// answers as nil. ioredis sends the script by SHA and reloads it after a Redis restart (NOSCRIPT).
const INCREMENT = `local hits = tonumber(ARGV[1])
local out = {}
for i = 1, hits do
  out[i] = redis.call('INCR', KEYS[i])
  redis.call('PEXPIRE', KEYS[i], ARGV[i + 1], 'NX')
end
for i = hits + 1, #KEYS do
  out[i] = redis.call('GET', KEYS[i])
end
return out`

const MAX_HITS_PER_CALL = 500

type WithIncrement = Redis & { rateLimitIncrement(keyCount: number, ...keysThenArgs: Array<string | number>): Promise<Array<number | string | null>> }

interface Hit {
  key: string
  windowMs: number
  readAlong: string | undefined
  resolve(count: WindowCount): void
  reject(error: unknown): void
}

/**
 * Shared by every runtime instance on the same Redis, so a client cannot spread requests to escape.
 * The hits of all requests that arrive in one turn of the event loop go to Redis as one command,
 * sent once that turn's I/O is handled (setImmediate): under load that is one write and one reply
 * for several requests instead of one each, and every hit is still counted in Redis, in order.
 * A hit may name a key to read in the same command (the request's session): the request then
 * needs no Redis call of its own for it.
 */
export function createRedisCounter(redis: Redis): WindowCounter {
  if (!('rateLimitIncrement' in redis)) redis.defineCommand('rateLimitIncrement', { lua: INCREMENT })
  let pending: Hit[] = []
  const send = () => {
    if (pending.length === 0) return
    const hits = pending
    pending = []
    const reads = hits.filter((hit) => hit.readAlong !== undefined)
    const keys = [...hits.map((hit) => hit.key), ...reads.map((hit) => hit.readAlong!)]
    ;(redis as WithIncrement).rateLimitIncrement(keys.length, ...keys, hits.length, ...hits.map((hit) => hit.windowMs)).then(
      (out) => {
        let read = hits.length
        for (let i = 0; i < hits.length; i++) {
          const hit = hits[i]!
          hit.resolve(hit.readAlong === undefined ? { hits: out[i] as number } : { hits: out[i] as number, read: (out[read++] as string | null) ?? null })
        }
      },
      (error) => hits.forEach((hit) => hit.reject(error)),
    )
  }
  return {
    increment: (key, windowMs, readAlong) =>
      new Promise((resolve, reject) => {
        if (pending.length === 0) setImmediate(send)
        pending.push({ key, windowMs, readAlong, resolve, reject })
        // A flood must not make one call of unbounded size: its arguments and one long script in Redis.
        if (pending.length === MAX_HITS_PER_CALL) send()
      }),
  }
}
