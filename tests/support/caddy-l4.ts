import { join } from 'node:path'
import { connect } from 'node:tls'
import { cacheDir } from '../../native/cache-dir.ts'
import { tcpAnswers } from '../../native/probes.ts'

/**
 * Caddy with the layer4 module, as caddy/Dockerfile builds it for production: scripts/install-deps.sh
 * builds the same versions from the Go module proxy (scripts/caddy-l4/). Debian's caddy lacks layer4,
 * which the Caddyfiles use for TURN/TLS on the HTTPS port. CADDY_BIN overrides.
 */
export const caddyBinary = process.env.CADDY_BIN ?? join(cacheDir(), 'bin', 'caddy-l4-v2.11.9')

/**
 * Caddy is ready: its admin API answers and a TLS handshake for `servername` succeeds on the HTTPS
 * port (Caddy 2.11 issues internal certificates in the background after start). The admin request
 * is plain HTTP/1.1: Caddy refuses requests that look like a browser's cross-origin fetch
 * (Sec-Fetch-Mode: cors, which Node's fetch sends) without an Origin.
 */
export async function caddyReady(adminPort: number, httpsPort: number, servername = 'localhost'): Promise<boolean> {
  const admin = await tcpAnswers(adminPort, `GET /config/ HTTP/1.1\r\nHost: 127.0.0.1:${adminPort}\r\nConnection: close\r\n\r\n`, 'HTTP/1.1 200')
  return admin && tlsHandshakes(httpsPort, servername)
}

function tlsHandshakes(port: number, servername: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false, timeout: 2_000 }, () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
    socket.on('timeout', () => (socket.destroy(), resolve(false)))
  })
}
