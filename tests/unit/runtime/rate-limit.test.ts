import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { createRateLimiter } from '../../../runtime/rate-limit/limiter.ts'

describe('rate limiting (in-process, as when Redis is down)', () => {
  test('within one window exactly `max` requests pass per client, and the rest get a Retry-After inside the window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 80 }),
        async (max, windowSeconds, clients) => {
          const start = windowSeconds * 1000 * 1000
          const limiter = createRateLimiter(undefined, () => start)
          const allowed = new Map<string, number>()
          for (const client of clients) {
            const decision = await limiter(client, { max, windowSeconds })
            if (decision.allowed) allowed.set(client, (allowed.get(client) ?? 0) + 1)
            else {
              expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1)
              expect(decision.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds)
            }
          }
          for (const client of new Set(clients)) {
            const sent = clients.filter((c) => c === client).length
            expect(allowed.get(client) ?? 0).toBe(Math.min(sent, max))
          }
        },
      ),
    )
  })

  test('a new window lets the client in again', async () => {
    let now = 60_000
    const limiter = createRateLimiter(undefined, () => now)
    expect((await limiter('x', { max: 1, windowSeconds: 60 })).allowed).toBe(true)
    expect((await limiter('x', { max: 1, windowSeconds: 60 })).allowed).toBe(false)
    now += 60_000
    expect((await limiter('x', { max: 1, windowSeconds: 60 })).allowed).toBe(true)
  })
})
