// Start-up proper: config, services, server and graceful shutdown (entry: main.ts).
import { resolve } from 'node:path'
import { ConfigError, loadConfig, loadEnvFile } from './config/load.ts'
import { createLogger } from './logger/create.ts'
import { setRuntime } from './context.ts'
import { openServices, reportDependencies } from './services.ts'
import { startServer } from './server.ts'
import { startMetricsServer } from './metrics/server.ts'
import { startTasks } from './tasks/index.ts'

/** Loads the config, opens the services and serves until SIGTERM or SIGINT. */
export async function start(): Promise<void> {
  loadEnvFile(process.env.ENV_FILE ?? '.env')
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(error.message + '\n')
    process.exit(1)
  }
  const logger = createLogger({ level: config.LOG_LEVEL, json: config.NODE_ENV === 'production' })

  try {
    const { runtime, close } = await openServices(config, logger)
    setRuntime(runtime)
    await reportDependencies(runtime)
    const { server, stopWatching } = await startServer(runtime)
    const tasks = await startTasks(runtime, resolve(config.FUNCTIONS_DIR))
    const metrics = config.METRICS_PORT ? await startMetricsServer(runtime, config.METRICS_PORT, config.METRICS_HOST ?? config.HOST) : undefined
    // SIGTERM: stop accepting, let in-flight requests finish, then close pools.
    const shutdown = async (signal: string) => {
      logger.info(`${signal} received: finishing in-flight requests`)
      stopWatching()
      tasks.stop()
      const force = setTimeout(() => server.close(true), 10_000).unref()
      await server.close()
      clearTimeout(force)
      await metrics?.close()
      await close()
      logger.info('Stopped cleanly')
      process.exit(0)
    }
    process.once('SIGTERM', () => void shutdown('SIGTERM'))
    process.once('SIGINT', () => void shutdown('SIGINT'))
  } catch (error) {
    logger.error('Start-up failed:', error)
    process.exit(1)
  }
}
