import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { livekitBinary } from '../livekit.ts'
import { startMinistack } from '../ministack.ts'
import { startPostgres } from '../postgres.ts'
import { startRedis } from '../redis.ts'
import { createLogFiles } from './log-files.ts'
import { startLocalLivekit } from './livekit-process.ts'
import { startRuntimeProcess } from '../runtime.ts'
import { startSiteProcess } from '../site.ts'
import { localRuntimeEnv } from './runtime-env.ts'
import { assertPortFree } from './port-check.ts'
import type { LaunchSettings } from './settings.ts'
import type { StatusBoard } from './status-board.ts'
import { superviseService, type RunningService } from './supervise.ts'

export const serviceNames = ['postgres', 'redis', 'ministack', 'livekit', 'runtime', 'site']

interface Started {
  name: string
  supervisor: ReturnType<typeof superviseService>
}

/** Starts every service in dependency order; on a failure stops what started and rethrows. */
export async function launchStack(root: string, settings: LaunchSettings, board: StatusBoard) {
  const { env, ports, dataDir } = settings
  const logs = createLogFiles(join(dataDir, 'logs'))
  const started: Started[] = []
  const stopAll = async () => {
    for (const { supervisor } of started) supervisor.halt()
    for (const { name, supervisor } of started.reverse()) {
      board.set(name, 'stopping')
      await supervisor.stop().catch(() => {})
      board.set(name, 'stopped')
    }
    await logs.close()
  }
  // A service that crashes later is restarted with backoff (supervise.ts); one that cannot start
  // at all stops the launch.
  const run = async <T extends RunningService>(name: string, port: number, setting: string, start: () => Promise<T>, detail: string) => {
    board.set(name, 'starting', `127.0.0.1:${port}`)
    await assertPortFree(port, setting)
    const handle = await start()
    board.set(name, 'ready', detail)
    started.push({ name, supervisor: superviseService(name, handle, start, board, { detail }) })
    return handle
  }

  try {
    const [postgres, redis, ministack] = await Promise.all([
      run(
        'postgres',
        ports.postgres,
        'POSTGRES_PORT',
        () =>
          startPostgres({
            dataDir: join(dataDir, 'postgres'),
            port: ports.postgres,
            user: env.POSTGRES_USER || 'meet',
            password: env.POSTGRES_PASSWORD,
            database: env.POSTGRES_DB || 'livekit_conference',
            onOutput: logs.writerFor('postgres'),
          }),
        `postgres://127.0.0.1:${ports.postgres}/${env.POSTGRES_DB || 'livekit_conference'}`,
      ),
      run(
        'redis',
        ports.redis,
        'REDIS_PORT',
        () => startRedis({ port: ports.redis, dir: join(dataDir, 'redis'), onOutput: logs.writerFor('redis') }),
        `redis://127.0.0.1:${ports.redis}`,
      ),
      run(
        'ministack',
        ports.s3,
        'S3_PORT',
        () => startMinistack({ port: ports.s3, dataDir: join(dataDir, 'ministack'), onOutput: logs.writerFor('ministack') }),
        `http://127.0.0.1:${ports.s3} (S3)`,
      ),
    ])
    const runtimeUrl = `http://127.0.0.1:${ports.runtime}`
    if (existsSync(livekitBinary())) {
      await run(
        'livekit',
        ports.livekit,
        'LIVEKIT_PORT',
        () =>
          startLocalLivekit({
            root,
            configDir: join(dataDir, 'livekit'),
            port: ports.livekit,
            runtimeUrl,
            redisUrl: redis.url,
            env,
            onOutput: logs.writerFor('livekit'),
          }),
        `ws://127.0.0.1:${ports.livekit}`,
      )
    } else {
      board.set('livekit', 'skipped', `${livekitBinary()} not built: npm run setup`)
    }
    const runtimeEnv = localRuntimeEnv(settings, { databaseUrl: postgres.url, redisUrl: redis.url, s3Endpoint: ministack.endpoint })
    await run('runtime', ports.runtime, 'RUNTIME_PORT', () => startRuntimeProcess(runtimeEnv, ports.runtime, logs.writerFor('runtime')), runtimeUrl)
    // The site's CSP allows the LiveKit and download origins the runtime hands to browsers; its /api
    // proxy refuses bodies over the runtime's limit. Browsers reach the site directly here: no proxy
    // hop, and pages answer for PUBLIC_URL's host.
    const publicOrigins = {
      LIVEKIT_PUBLIC_URL: runtimeEnv.LIVEKIT_PUBLIC_URL,
      S3_PUBLIC_ENDPOINT: runtimeEnv.S3_PUBLIC_ENDPOINT,
      PUBLIC_URL: runtimeEnv.PUBLIC_URL,
    }
    const bodyLimit = runtimeEnv.BODY_LIMIT_BYTES ? { BODY_LIMIT_BYTES: runtimeEnv.BODY_LIMIT_BYTES } : {}
    const siteEnv = {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(ports.site),
      RUNTIME_URL: runtimeUrl,
      ...publicOrigins,
      ...bodyLimit,
      TRUST_PROXY_HOPS: '0',
    }
    await run('site', ports.site, 'SITE_PORT', () => startSiteProcess(siteEnv, ports.site, logs.writerFor('site')), `http://localhost:${ports.site}`)
  } catch (error) {
    const failed = serviceNames.find((name) => !started.some((service) => service.name === name))
    if (failed) board.set(failed, 'failed', error instanceof Error ? error.message.split('\n')[0] : String(error))
    await stopAll()
    throw error
  }
  return { stop: stopAll }
}
