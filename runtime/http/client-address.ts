import { isIP } from 'node:net'
import { getRequestIP, type H3Event } from 'h3'

/**
 * The client's address, trusting exactly `trustedHops` proxies in front: each appends the address
 * it saw to X-Forwarded-For, so the entry `trustedHops` from the right was written by the farthest
 * proxy we run, and everything left of it by whoever sent the request. 0 uses the socket address.
 * An entry that is not an IP address (a proxy misconfigured or skipped) counts as no header.
 */
export function clientAddress(event: H3Event, trustedHops: number): string {
  const peer = getRequestIP(event) ?? 'unknown'
  return forwardedClient(event.req.headers.get('x-forwarded-for'), peer, trustedHops)
}

export function forwardedClient(forwardedFor: string | null | undefined, peer: string, trustedHops: number): string {
  if (trustedHops <= 0 || !forwardedFor) return peer
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  // Fewer entries than hops: the request skipped a proxy, so the left-most is the best we have.
  const entry = entries[Math.max(0, entries.length - trustedHops)]
  return entry && isIP(entry) ? entry : peer
}
