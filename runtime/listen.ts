import { serve } from 'srvx'
import type { Config } from './config/load.ts'

export interface Listening {
  url: string
  /** Stops accepting and waits for in-flight requests; `force` drops them. */
  close(force?: boolean): Promise<void>
}

/** How long an idle connection stays open (advertised in `Keep-Alive: timeout=`). */
const KEEP_ALIVE_MS = 65_000

type Fetch = (request: Request) => Response | Promise<Response>

// One listener for every mode: srvx, on exactly PORT (the site's proxy expects it), whose close()
// waits for in-flight requests. Shutdown is ours (start.ts): pools must close after the last request.
// Development used listhen, whose http-shutdown reads `req.socket` when a response finishes; Node
// sets it to null when a request body is cancelled (an oversized chunked body), and the TypeError
// thrown in that event handler stopped the process.
export async function listen(fetch: Fetch, config: Config): Promise<Listening> {
  // maxRequestBodySize: srvx stops reading a body at the limit (http/body-limit.ts answers 413).
  // keepAliveTimeout: Node's 5 s default closes idle connections that the site's fetch pool and
  // Caddy still count as open; a POST sent on one as it closes fails with no answer. Idle pools
  // rarely sit near a minute, and Caddy's upstream pool is kept below it (Caddyfile).
  const server = serve({
    fetch,
    port: config.PORT,
    hostname: config.HOST,
    silent: true,
    gracefulShutdown: false,
    maxRequestBodySize: config.BODY_LIMIT_BYTES,
    node: { keepAliveTimeout: KEEP_ALIVE_MS },
  })
  await server.ready()
  return { url: server.url!, close: (force) => server.close(force) }
}
