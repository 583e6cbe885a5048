import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:tls'
import { cacheDir } from '../../native/cache-dir.ts'
import { tcpAnswers } from '../../native/probes.ts'
import { freePort } from '../../native/free-port.ts'
import { startServiceProcess, type ServiceProcess } from '../../native/process.ts'
import { repoRoot } from '../unit/stack/support/stack-files.ts'

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

export interface RunningCaddyL4 {
  process: ServiceProcess
  /** Caddy's HOME: its data (certificates, the internal CA) is under data/caddy */
  home: string
  httpsPort: number
  stop(): Promise<void>
}

/**
 * The repository's Caddyfile.local in Caddy with layer4, on free loopback ports: `turnDomain`'s TLS
 * connections go to LiveKit's TURN listener, signalling to `livekitHost`, everything else to
 * `siteUpstream` (a free, closed port when left out). Ready once `readyName` completes a handshake.
 */
export async function startCaddyL4(options: {
  turnDomain: string
  livekitHost: string
  turnPort: number
  siteUpstream?: string
  readyName?: string
}): Promise<RunningCaddyL4> {
  const home = await mkdtemp(join(tmpdir(), 'meet-caddy-l4-'))
  const httpsPort = await freePort()
  const admin = await freePort()
  const caddy = await startServiceProcess({
    name: 'caddy',
    command: caddyBinary,
    args: ['run', '--config', join(repoRoot, 'Caddyfile.local'), '--adapter', 'caddyfile'],
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      DOMAIN: 'localhost',
      TURN_DOMAIN: options.turnDomain,
      CADDY_HTTP_PORT: String(await freePort()),
      CADDY_HTTPS_PORT: String(httpsPort),
      CADDY_ADMIN: `127.0.0.1:${admin}`,
      RUNTIME_UPSTREAM: `127.0.0.1:${await freePort()}`,
      SITE_UPSTREAM: options.siteUpstream ?? `127.0.0.1:${await freePort()}`,
      LIVEKIT_UPSTREAM: options.livekitHost,
      LIVEKIT_TURN_UPSTREAM: `127.0.0.1:${options.turnPort}`,
    },
    ready: () => caddyReady(admin, httpsPort, options.readyName),
  })
  return {
    process: caddy,
    home,
    httpsPort,
    stop: async () => {
      await caddy.stop()
      await rm(home, { recursive: true, force: true })
    },
  }
}
