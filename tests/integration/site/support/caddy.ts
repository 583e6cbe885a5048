import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../../../native/free-port.ts'
import { startServiceProcess } from '../../../../native/process.ts'
import { root } from '../../../../native/site.ts'
import { caddyBinary, caddyReady } from '../../../support/caddy-l4.ts'

export interface RunningCaddy {
  /** https://localhost:port, Caddy's own certificate (`tls internal`) */
  url: string
  httpsPort: number
  stop(): Promise<void>
}

/** Debian's Caddy with the repository's Caddyfile.local, its upstreams pointed at 127.0.0.1 ports. */
export async function startCaddy(httpsPort: number, upstreams: { runtime: string; livekit: string; site: string }): Promise<RunningCaddy> {
  const home = await mkdtemp(join(tmpdir(), 'meet-caddy-'))
  const adminPort = await freePort()
  const process = await startServiceProcess({
    name: 'caddy',
    command: caddyBinary,
    args: ['run', '--config', join(root, 'Caddyfile.local'), '--adapter', 'caddyfile'],
    env: {
      PATH: globalThis.process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      DOMAIN: 'localhost',
      CADDY_HTTP_PORT: String(await freePort()),
      CADDY_HTTPS_PORT: String(httpsPort),
      CADDY_ADMIN: `127.0.0.1:${adminPort}`,
      RUNTIME_UPSTREAM: upstreams.runtime,
      LIVEKIT_UPSTREAM: upstreams.livekit,
      SITE_UPSTREAM: upstreams.site,
    },
    ready: () => caddyReady(adminPort, httpsPort),
  })
  return {
    url: `https://localhost:${httpsPort}`,
    httpsPort,
    async stop() {
      await process.stop()
      await rm(home, { recursive: true, force: true })
    },
  }
}
