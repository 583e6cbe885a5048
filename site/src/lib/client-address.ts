import { isIP } from 'node:net'

/**
 * The visitor's address behind exactly TRUST_PROXY_HOPS proxies (Caddy in production: 1; none
 * under `npm start`: 0). Each proxy appends what it saw to X-Forwarded-For, so only the entry that
 * many from the right is ours; a client can write anything to its left. The runtime counts hops the
 * same way (runtime/http/client-address.ts); the site's image is built from site/ alone.
 */
export function clientAddress(forwardedFor: string | null, peer: string): string {
  const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0)
  if (!(hops > 0) || !forwardedFor) return peer
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const entry = entries[Math.max(0, entries.length - hops)]
  return entry && isIP(entry) ? entry : peer
}
