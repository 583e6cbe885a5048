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
          counts.push(counter.increment(`${prefix}:${key}`, 60_000).then(({ hits }) => hits))
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

  test('a key read along comes back with its hit: its value, or null when there is none, whatever else the call carries', async () => {
    const counter = createRedisCounter(redis)
    let run = 0
    // Each hit reads nothing, a key that holds a value, or a key that does not exist.
    const hit = fc.record({
      key: fc.constantFrom('a', 'b'),
      read: fc.option(fc.record({ name: fc.constantFrom('x', 'y', 'z'), value: fc.option(fc.string()) })),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(hit, { minLength: 1, maxLength: 30 }), async (hits) => {
        const prefix = `test:counter:${process.pid}:read:${run++}`
        const stored = new Map<string, string | null>()
        for (const { read } of hits) if (read && !stored.has(read.name)) stored.set(read.name, read.value)
        for (const [name, value] of stored) if (value !== null) await redis.set(`${prefix}:${name}`, value)
        const answers = await Promise.all(
          hits.map(({ key, read }) => counter.increment(`${prefix}:${key}`, 60_000, read ? `${prefix}:${read.name}` : undefined)),
        )
        const seen = new Map<string, number>()
        for (const [i, { key, read }] of hits.entries()) {
          seen.set(key, (seen.get(key) ?? 0) + 1)
          expect(answers[i]).toEqual(read ? { hits: seen.get(key), read: stored.get(read.name) } : { hits: seen.get(key) })
        }
      }),
      { numRuns: 40 },
    )
  })

  test('a flood in one turn is sent in bounded calls, and every hit is still counted in order', async () => {
    const counter = createRedisCounter(redis)
    const key = `test:counter:${process.pid}:flood`
    const counts = (await Promise.all(Array.from({ length: 1234 }, () => counter.increment(key, 60_000)))).map(({ hits }) => hits)
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
