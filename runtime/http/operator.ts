import { BlockList } from 'node:net'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { H3Event } from 'h3'
import { useConfig } from '../use.ts'

// The machine itself and the private networks the services share (Compose's bridge, the VCN).
const internalNetworks = new BlockList()
internalNetworks.addSubnet('127.0.0.0', 8, 'ipv4')
internalNetworks.addSubnet('10.0.0.0', 8, 'ipv4')
internalNetworks.addSubnet('172.16.0.0', 12, 'ipv4')
internalNetworks.addSubnet('192.168.0.0', 16, 'ipv4')
internalNetworks.addAddress('::1', 'ipv6')
internalNetworks.addSubnet('fc00::', 7, 'ipv6')

/** Loopback or private (IPv4-mapped IPv6 included). */
export function isInternalAddress(address: string | undefined): boolean {
  if (!address) return false
  const family = address.includes(':') ? 'ipv6' : 'ipv4'
  try {
    return internalNetworks.check(address, family)
  } catch {
    return false
  }
}

/**
 * A caller connected straight from the internal network: the socket's peer is loopback or private,
 * and no proxy forwarded the request. Caddy and the site's /api proxy connect from private addresses
 * on everyone's behalf, and they always add X-Forwarded-*: such a request counts as from outside.
 * A forwarding header can only take this away, never grant it.
 */
function isInternalCaller(event: H3Event): boolean {
  const headers = event.req.headers
  const forwarded = headers.has('forwarded') || headers.has('x-real-ip') || [...headers.keys()].some((name) => name.startsWith('x-forwarded-'))
  // The socket's own peer (srvx), never an address resolved from headers.
  return !forwarded && isInternalAddress(event.req.ip)
}

const digest = (value: string) => createHash('sha256').update(value).digest()

/** `Authorization: Bearer <HEALTH_TOKEN>`, compared in constant time. */
function hasOperatorToken(event: H3Event): boolean {
  const token = useConfig().HEALTH_TOKEN
  const presented = /^Bearer\s+(\S+)$/i.exec(event.req.headers.get('authorization') ?? '')?.[1]
  return Boolean(token && presented && timingSafeEqual(digest(presented), digest(token)))
}

/** May see internal detail (which dependency is down and why). Admins (issue 12) may join later. */
export const isOperator = (event: H3Event) => isInternalCaller(event) || hasOperatorToken(event)
