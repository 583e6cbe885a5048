import type { H3Event } from 'h3'
import { apiError } from '../errors.ts'
import type { RateLimiter, Limit } from '../rate-limit/limiter.ts'
import type { FunctionMeta } from '../routing/load.ts'
import { clientKey } from '../rate-limit/client-key.ts'
import { clientAddress } from './client-address.ts'
import { rateLimitRefusals } from '../metrics/registry.ts'
import type { HeaderList } from './headers.ts'

export type Tiers = Record<'api' | 'token', Limit>

/** A Redis key a request will read anyway, read in the rate limit's Redis call instead of one of its own. */
export interface ReadAlong {
  key(event: H3Event): string | undefined
  keep(event: H3Event, value: string | null): void
}

// Per client (an IPv4 address or an IPv6 /64, behind exactly `trustedHops` proxies) and tier;
// a function picks its tier with `export const meta = { rateLimit }`. Adds the RateLimit headers
// to `headers`; a client over its limit gets a 429.
export function rateLimit(limiter: RateLimiter, tiers: Tiers, trustedHops: number, readAlong?: ReadAlong) {
  const maxima = { api: String(tiers.api.max), token: String(tiers.token.max) }
  return async (event: H3Event, meta: FunctionMeta, headers: HeaderList): Promise<void> => {
    const tier = meta.rateLimit ?? 'api'
    if (tier === false || event.req.method === 'OPTIONS') return
    const client = clientKey(clientAddress(event, trustedHops))
    // Functions with limits of their own (passcode attempts) count the same client.
    event.context.clientKey = client
    const along = readAlong?.key(event)
    const decision = await limiter(`${tier}:${client}`, tiers[tier], along)
    if (along !== undefined && decision.read !== undefined) readAlong!.keep(event, decision.read)
    headers.push(['ratelimit-limit', maxima[tier]], ['ratelimit-remaining', String(decision.remaining)])
    if (!decision.allowed) {
      headers.push(['retry-after', String(decision.retryAfterSeconds)])
      rateLimitRefusals.inc({ tier })
      throw apiError(429, 'rate_limited', `Too many requests; try again in ${decision.retryAfterSeconds} s`)
    }
  }
}

declare module 'h3' {
  interface H3EventContext {
    clientKey?: string
  }
}
