import type { Middleware } from 'h3'
import { apiError } from '../errors.ts'
import type { RateLimiter, Limit } from '../rate-limit/limiter.ts'
import type { FunctionMeta } from '../routing/load.ts'
import { clientKey } from '../rate-limit/client-key.ts'
import { clientAddress } from './client-address.ts'
import { rateLimitRefusals } from '../metrics/registry.ts'

export type Tiers = Record<'api' | 'token', Limit>

// Per client (an IPv4 address or an IPv6 /64, behind exactly `trustedHops` proxies) and tier;
// a function picks its tier with `export const meta = { rateLimit }`.
export function rateLimit(limiter: RateLimiter, tiers: Tiers, trustedHops: number): Middleware {
  return async (event, next) => {
    const meta = (event.context.matchedRoute?.meta ?? {}) as FunctionMeta
    const tier = meta.rateLimit ?? 'api'
    if (tier === false || event.req.method === 'OPTIONS') return next()
    const client = clientKey(clientAddress(event, trustedHops))
    // Functions with limits of their own (passcode attempts) count the same client.
    event.context.clientKey = client
    const limit = tiers[tier]
    const decision = await limiter(`${tier}:${client}`, limit)
    event.res.headers.set('ratelimit-limit', String(limit.max))
    event.res.headers.set('ratelimit-remaining', String(decision.remaining))
    if (!decision.allowed) {
      event.res.headers.set('retry-after', String(decision.retryAfterSeconds))
      rateLimitRefusals.inc({ tier })
      throw apiError(429, 'rate_limited', `Too many requests; try again in ${decision.retryAfterSeconds} s`)
    }
    return next()
  }
}

declare module 'h3' {
  interface H3EventContext {
    clientKey?: string
  }
}
