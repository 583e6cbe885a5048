import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Runtime } from './context.ts'
import { createApp } from './app.ts'
import { loadRoutes, warmRoutes, type LoadedRoute } from './routing/load.ts'
import { functionsVersion, versionImportsUnder, watchFunctions } from './routing/reload.ts'
import { createRateLimiter } from './rate-limit/limiter.ts'
import { listen } from './listen.ts'
import { releaseYoungGeneration } from './young-generation.ts'

// Serves the functions folder. In development an edit anywhere in it (a function or functions/_lib)
// builds a fresh app from a fresh version of the folder's modules (routing/reload.ts), then swaps
// it in: the listener stays, and requests already running finish on the app that took them.
// Elsewhere function modules load lazily: start-up grows by a directory entry per file, not an
// import (routing/load.ts); they are warmed once the server listens.
export async function startServer(runtime: Runtime) {
  const { config, logger } = runtime
  const development = config.NODE_ENV === 'development'
  // Real path: Node resolves imports to it, and the reload hook compares module URLs.
  const dir = realpathSync(resolve(config.FUNCTIONS_DIR))
  if (development) versionImportsUnder(dir)
  const limiter = createRateLimiter(runtime.redis)
  const build = async () => {
    const routes = development ? await loadRoutes(dir, { version: await functionsVersion(dir) }) : await loadRoutes(dir, { lazy: true })
    logger.debug(`Routes: ${routes.map((r) => `${r.method ?? 'ALL'} ${r.route}`).join(', ')}`)
    return { app: createApp(runtime, routes, limiter), count: routes.length, routes }
  }
  const first = await build()
  let app = first.app
  logger.info(`${development ? 'Loaded' : 'Found'} ${first.count} functions in ${dir}`)
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
  // The young generation may grow again once start-up's allocations are done (young-generation.ts).
  if (development) releaseYoungGeneration()
  else void warm(first.routes, logger).finally(releaseYoungGeneration)
  return { server, stopWatching }
}

async function warm(routes: LoadedRoute[], logger: Runtime['logger']) {
  let failed = 0
  await warmRoutes(routes, (file, error) => (failed++, logger.error(`Function ${file} failed to load; its route answers 500:`, error)))
  logger.debug(`Functions loaded: ${routes.length - failed} of ${routes.length}`)
}
