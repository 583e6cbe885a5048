import { join } from 'node:path'
import { cacheDir } from '../../native/cache-dir.ts'
import { tcpAnswers } from '../../native/probes.ts'

/**
 * Caddy with the layer4 module, as caddy/Dockerfile builds it for production: scripts/install-deps.sh
 * builds the same versions from the Go module proxy (scripts/caddy-l4/). Debian's caddy lacks layer4,
 * which the Caddyfiles use for TURN/TLS on the HTTPS port. CADDY_BIN overrides.
 */
export const caddyBinary = process.env.CADDY_BIN ?? join(cacheDir(), 'bin', 'caddy-l4-v2.11.9')

/**
 * Caddy's admin API is up. A plain HTTP/1.1 request: Caddy 2.11 refuses requests that look like
 * a browser's cross-origin fetch (Sec-Fetch-Mode: cors, which Node's fetch sends) without an Origin.
 */
export const caddyAdminReady = (adminPort: number) =>
  tcpAnswers(adminPort, `GET /config/ HTTP/1.1\r\nHost: 127.0.0.1:${adminPort}\r\nConnection: close\r\n\r\n`, 'HTTP/1.1 200')
