import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { randomInt } from 'node:crypto'

// Ports are drawn below the kernel's ephemeral range: every outgoing connection (HTTP clients, pg,
// Redis) takes a local port from that range, and a server that later binds the same port on all
// addresses fails with "address already in use". A port the OS picks with listen(0) comes from that
// very range, so on a busy machine it was often taken again before the service started.
const LOWEST = 10_000

function ephemeralStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768
  } catch {
    return 32_768
  }
}

const highest = Math.max(LOWEST + 1_000, ephemeralStart())

function canListen(port: number, host: string): Promise<boolean> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/**
 * A TCP port nothing listens on right now, on loopback and on all addresses (Caddy and Compose
 * bind those), from outside the ephemeral range.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = randomInt(LOWEST, highest)
    if ((await canListen(port, '127.0.0.1')) && (await canListen(port, '0.0.0.0'))) return port
  }
  throw new Error(`no free TCP port between ${LOWEST} and ${highest}`)
}
