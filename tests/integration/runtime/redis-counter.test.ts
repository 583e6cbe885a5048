import { Redis } from 'ioredis'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { freePort } from '../../../native/free-port.ts'
import { createRedisCounter } from '../../../runtime/rate-limit/redis-counter.ts'

// The counter sends the hits of one event-loop turn to Redis as one command: it must still count
// every hit, in the order the requests asked, and give every window its expiry.
describe('rate-limit counter in Redis', () => {
  let redis: Redis
  beforeAll(() => {
    redis = new Redis(useServices().redisUrl)
  })
  afterAll(() => redis?.quit())

  test('hits sent together are each counted once, in order, per key, and every key expires with its window', async () => {
    const counter = createRedisCounter(redis)
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 3 }), async (keys, turns) => {
        const prefix = `test:counter:${process.pid}:${run++}`
        // The same hits spread over one or more event-loop turns.
        const counts: Array<Promise<number>> = []
        for (const [i, key] of keys.entries()) {
          if (i % Math.ceil(keys.length / turns) === 0) await new Promise((resolve) => setImmediate(resolve))
          counts.push(counter.increment(`${prefix}:${key}`, 60_000))
        }
        const seen = new Map<string, number>()
        for (const [i, count] of (await Promise.all(counts)).entries()) {
          const next = (seen.get(keys[i]!) ?? 0) + 1
          seen.set(keys[i]!, next)
          expect(count).toBe(next)
        }
        for (const [key, total] of seen) {
          expect(Number(await redis.get(`${prefix}:${key}`))).toBe(total)
          expect(await redis.pttl(`${prefix}:${key}`)).toBeGreaterThan(0)
        }
      }),
      { numRuns: 40 },
    )
  })

  test('a flood in one turn is sent in bounded calls, and every hit is still counted in order', async () => {
    const counter = createRedisCounter(redis)
    const key = `test:counter:${process.pid}:flood`
    const counts = await Promise.all(Array.from({ length: 1234 }, () => counter.increment(key, 60_000)))
    expect(counts).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1))
    expect(Number(await redis.get(key))).toBe(1234)
  })

  test('a failed command rejects every hit it carried, so the limiter falls back to counting locally', async () => {
    // Nothing listens on this port: every command fails at once, as while Redis is down.
    const broken = new Redis({ port: await freePort(), enableOfflineQueue: false, retryStrategy: () => null })
    broken.on('error', () => undefined)
    const counter = createRedisCounter(broken)
    const hits = await Promise.allSettled([counter.increment('test:counter:x', 1000), counter.increment('test:counter:y', 1000)])
    expect(hits.map((hit) => hit.status)).toEqual(['rejected', 'rejected'])
    broken.disconnect()
  })
})
