import { createHash } from 'node:crypto'
import type { H3Event } from 'h3'
import { apiError, clientAddress, clientKey, useConfig, useRedis } from '#runtime'

// Failed sign-ins per account and per address, with a delay that doubles after a few free tries.
// The account key is the email whether or not it exists, so the limits tell nothing about accounts.
const FORGET_AFTER_SECONDS = 15 * 60
const MAX_DELAY_SECONDS = 15 * 60
const FREE_TRIES = { account: 5, address: 20 }

type Scope = keyof typeof FREE_TRIES

const keys = (event: H3Event, email: string): Record<Scope, string> => ({
  account: `signin:fail:account:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`,
  // The same client key as the rate limits: the address behind TRUST_PROXY_HOPS proxies, IPv6 per /64.
  address: `signin:fail:address:${clientKey(clientAddress(event, useConfig().TRUST_PROXY_HOPS))}`,
})

export const delayAfter = (failures: number, free: number) => (failures < free ? 0 : Math.min(MAX_DELAY_SECONDS, 2 ** (failures - free)))

/** 429 while either the account or the address has to wait. */
export async function assertMayTry(event: H3Event, email: string): Promise<void> {
  const redis = useRedis()
  const now = Date.now()
  const waits = await Promise.all(Object.values(keys(event, email)).map(async (key) => Number((await redis.hget(key, 'lockedUntil')) ?? 0) - now))
  const wait = Math.max(...waits)
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000)
    event.res.headers.set('retry-after', String(seconds))
    throw apiError(429, 'rate_limited', `Too many sign-in attempts; try again in ${seconds} s`)
  }
}

export async function recordFailure(event: H3Event, email: string): Promise<void> {
  const redis = useRedis()
  for (const [scope, key] of Object.entries(keys(event, email)) as [Scope, string][]) {
    const failures = await redis.hincrby(key, 'count', 1)
    const delay = delayAfter(failures, FREE_TRIES[scope])
    const pipeline = redis.multi()
    if (delay > 0) pipeline.hset(key, 'lockedUntil', String(Date.now() + delay * 1000))
    pipeline.expire(key, FORGET_AFTER_SECONDS + delay)
    await pipeline.exec()
  }
}

export async function recordSuccess(event: H3Event, email: string): Promise<void> {
  await useRedis().del(keys(event, email).account)
}
