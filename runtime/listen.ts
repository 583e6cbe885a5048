import { serve } from 'srvx'
import { toNodeHandler } from 'h3'
import type { Config } from './config/index.ts'

export interface Listening {
  url: string
  /** Stops accepting and waits for in-flight requests; `force` drops them. */
  close(force?: boolean): Promise<void>
}

type Fetch = (request: Request) => Response | Promise<Response>

// Production: srvx, whose close() waits for in-flight requests. Shutdown is ours (main.ts):
// pools must close after the last request.
export async function listenForProduction(fetch: Fetch, config: Config): Promise<Listening> {
  const server = serve({ fetch, port: config.PORT, hostname: config.HOST, silent: true, gracefulShutdown: false })
  await server.ready()
  return { url: server.url!, close: (force) => server.close(force) }
}

// Development: listhen prints the local and network URLs; the port is exact (no silent fallback),
// because the site's proxy expects it.
export async function listenForDevelopment(fetch: Fetch, config: Config): Promise<Listening> {
  const { listen } = await import('listhen')
  const port = { port: config.PORT, portRange: [config.PORT, config.PORT], alternativePortRange: [config.PORT, config.PORT], random: false }
  const listener = await listen(toNodeHandler({ fetch } as never), { port: port as never, hostname: config.HOST, showURL: true, qr: false, public: false })
  return { url: listener.url, close: () => listener.close() }
}
