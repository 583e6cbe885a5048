import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Runtime } from './context.ts'
import { createApp } from './app.ts'
import { loadRoutes } from './routing/load.ts'
import { functionsVersion, versionImportsUnder, watchFunctions } from './routing/reload.ts'
import { createRateLimiter } from './rate-limit/limiter.ts'
import { listen } from './listen.ts'

// Serves the functions folder. In development an edit anywhere in it (a function or functions/_lib)
// builds a fresh app from a fresh version of the folder's modules (routing/reload.ts), then swaps
// it in: the listener stays, and requests already running finish on the app that took them.
export async function startServer(runtime: Runtime) {
  const { config, logger } = runtime
  const development = config.NODE_ENV === 'development'
  // Real path: Node resolves imports to it, and the reload hook compares module URLs.
  const dir = realpathSync(resolve(config.FUNCTIONS_DIR))
  if (development) versionImportsUnder(dir)
  const limiter = createRateLimiter(runtime.redis)
  const build = async () => {
    const routes = await loadRoutes(dir, development ? await functionsVersion(dir) : undefined)
    logger.debug(`Routes: ${routes.map((r) => `${r.method ?? 'ALL'} ${r.route}`).join(', ')}`)
    return { app: createApp(runtime, routes, limiter), count: routes.length }
  }
  const first = await build()
  let app = first.app
  logger.info(`Loaded ${first.count} functions from ${dir}`)
  // Builds may overlap when edits come in bursts: only the latest one started is swapped in.
  let latest = 0
  const rebuild = () => {
    const started = ++latest
    build().then(
      (next) => {
        if (started !== latest) return
        app = next.app
        logger.info(`Functions changed: ${next.count} routes reloaded`)
      },
      (error: Error) => logger.error(`Functions not reloaded, keeping the previous set: ${error.message}`),
    )
  }
  const stopWatching = development ? watchFunctions(dir, rebuild) : () => {}
  const server = await listen((request) => app.fetch(request), config)
  logger.info(`API listening on ${server.url}`)
  return { server, stopWatching }
}
