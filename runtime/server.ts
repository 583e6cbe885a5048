import { resolve } from 'node:path'
import type { Runtime } from './context.ts'
import { createApp } from './app.ts'
import { loadRoutes, warmRoutes, watchFunctions, type LoadedRoute } from './routing/index.ts'
import { createRateLimiter } from './rate-limit/limiter.ts'
import { listen } from './listen.ts'
import { releaseYoungGeneration } from './young-generation.ts'

// Serves the functions folder; in development, edits to it swap in a fresh app without a restart.
export async function startServer(runtime: Runtime) {
  const { config, logger } = runtime
  const dir = resolve(config.FUNCTIONS_DIR)
  const limiter = createRateLimiter(runtime.redis)
  // Outside development function modules load lazily: start-up grows by a directory entry per file,
  // not an import (see routing/load-routes.ts); they are warmed once the server listens.
  const development = config.NODE_ENV === 'development'
  const build = async () => {
    const routes = await loadRoutes(dir, { lazy: !development })
    logger.debug(`Routes: ${routes.map((r) => `${r.method ?? 'ALL'} ${r.route}`).join(', ')}`)
    return { app: createApp(runtime, routes, limiter), count: routes.length, routes }
  }
  const first = await build()
  let app = first.app
  logger.info(`${development ? 'Loaded' : 'Found'} ${first.count} functions in ${dir}`)
  const stopWatching =
    config.NODE_ENV === 'development'
      ? watchFunctions(dir, () =>
          build().then(
            (next) => ((app = next.app), logger.info(`Functions changed: ${next.count} routes reloaded`)),
            (error: Error) => logger.error(`Functions not reloaded, keeping the previous set: ${error.message}`),
          ),
        )
      : () => {}
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
