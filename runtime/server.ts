import { resolve } from 'node:path'
import type { Runtime } from './context.ts'
import { createApp } from './app.ts'
import { loadRoutes, watchFunctions } from './routing/index.ts'
import { createRateLimiter } from './rate-limit/limiter.ts'
import { listen } from './listen.ts'

// Serves the functions folder; in development, edits to it swap in a fresh app without a restart.
export async function startServer(runtime: Runtime) {
  const { config, logger } = runtime
  const dir = resolve(config.FUNCTIONS_DIR)
  const limiter = createRateLimiter(runtime.redis)
  const build = async () => {
    const routes = await loadRoutes(dir)
    logger.debug(`Routes: ${routes.map((r) => `${r.method ?? 'ALL'} ${r.route}`).join(', ')}`)
    return { app: createApp(runtime, routes, limiter), count: routes.length }
  }
  const first = await build()
  let app = first.app
  logger.info(`Loaded ${first.count} functions from ${dir}`)
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
  return { server, stopWatching }
}
