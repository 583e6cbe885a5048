import type { Redis } from 'ioredis'
import { createMemoryCounter, type WindowCounter } from './memory-counter.ts'
import { createRedisCounter } from './redis-counter.ts'
import { isRedisReady } from '../redis/client.ts'

export interface Limit {
  max: number
  windowSeconds: number
}

interface Decision {
  allowed: boolean
  remaining: number
  retryAfterSeconds: number
  /** the value of `readAlong`, when the count went to Redis (null: no such key) */
  read?: string | null
}

/** Counts one hit on `key`; `readAlong` is a Redis key read in the same call while Redis counts. */
export type RateLimiter = (key: string, limit: Limit, readAlong?: string) => Promise<Decision>

// Fixed windows aligned to the clock: every instance agrees on the window without talking.
export function createRateLimiter(redis: Redis | undefined, now: () => number = Date.now): RateLimiter {
  const shared = redis && createRedisCounter(redis)
  const local = createMemoryCounter(now)
  return async (key, { max, windowSeconds }, readAlong) => {
    const windowMs = windowSeconds * 1000
    const at = now()
    const windowStart = at - (at % windowMs)
    const windowKey = `ratelimit:${key}:${windowStart}`
    const counter: WindowCounter = shared && isRedisReady(redis) ? shared : local
    const { hits, read } = await counter.increment(windowKey, windowMs, readAlong).catch(() => local.increment(windowKey, windowMs))
    return {
      allowed: hits <= max,
      remaining: Math.max(0, max - hits),
      retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000)),
      read,
    }
  }
}
