import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { livekitBinary } from '../livekit.ts'
import { startMinistack } from '../ministack.ts'
import { startPostgres } from '../postgres.ts'
import { startRedis } from '../redis.ts'
import { createLogFiles } from './log-files.ts'
import { startLocalLivekit } from './livekit-process.ts'
import { startRuntimeProcess, startSiteProcess } from './node-services.ts'
import { localRuntimeEnv } from './runtime-env.ts'
import { assertPortFree } from './port-check.ts'
import type { LaunchSettings } from './settings.ts'
import type { createStatusBoard } from './status-board.ts'

export const serviceNames = ['postgres', 'redis', 'ministack', 'livekit', 'runtime', 'site']

type Board = ReturnType<typeof createStatusBoard>
interface Started {
  name: string
  stop: () => Promise<void>
}

/** Starts every service in dependency order; on a failure stops what started and rethrows. */
export async function launchStack(root: string, settings: LaunchSettings, board: Board) {
  const { env, ports, dataDir } = settings
  const logs = createLogFiles(join(dataDir, 'logs'))
  const started: Started[] = []
  const stopAll = async () => {
    for (const { name, stop } of started.reverse()) {
      board.set(name, 'stopping')
      await stop().catch(() => {})
      board.set(name, 'stopped')
    }
    await logs.close()
  }
  const run = async <T extends { stop: () => Promise<void> }>(name: string, port: number, setting: string, start: () => Promise<T>, detail: string) => {
    board.set(name, 'starting', `127.0.0.1:${port}`)
    await assertPortFree(port, setting)
    const handle = await start()
    started.push({ name, stop: handle.stop })
    board.set(name, 'ready', detail)
    return handle
  }

  try {
    const [postgres, redis, ministack] = await Promise.all([
      run('postgres', ports.postgres, 'POSTGRES_PORT', () => startPostgres({
        dataDir: join(dataDir, 'postgres'), port: ports.postgres,
        user: env.POSTGRES_USER || 'meet', password: env.POSTGRES_PASSWORD, database: env.POSTGRES_DB || 'livekit_conference',
        onOutput: logs.writerFor('postgres'),
      }), `postgres://127.0.0.1:${ports.postgres}/${env.POSTGRES_DB || 'livekit_conference'}`),
      run('redis', ports.redis, 'REDIS_PORT', () => startRedis({ port: ports.redis, dir: join(dataDir, 'redis'), onOutput: logs.writerFor('redis') }), `redis://127.0.0.1:${ports.redis}`),
      run('ministack', ports.s3, 'S3_PORT', () => startMinistack({ port: ports.s3, dataDir: join(dataDir, 'ministack'), onOutput: logs.writerFor('ministack') }), `http://127.0.0.1:${ports.s3} (S3)`),
    ])
    const runtimeUrl = `http://127.0.0.1:${ports.runtime}`
    if (existsSync(livekitBinary())) {
      await run('livekit', ports.livekit, 'LIVEKIT_PORT', () => startLocalLivekit({
        root, configDir: join(dataDir, 'livekit'), port: ports.livekit, runtimeUrl, redisUrl: redis.url, env, onOutput: logs.writerFor('livekit'),
      }), `ws://127.0.0.1:${ports.livekit}`)
    } else {
      board.set('livekit', 'skipped', `${livekitBinary()} not built: npm run setup`)
    }
    const runtimeEnv = localRuntimeEnv(settings, { databaseUrl: postgres.url, redisUrl: redis.url, s3Endpoint: ministack.endpoint })
    await run('runtime', ports.runtime, 'RUNTIME_PORT', () => startRuntimeProcess(runtimeEnv, ports.runtime, logs.writerFor('runtime')), runtimeUrl)
    // The site's CSP allows the LiveKit and download origins the runtime hands to browsers.
    const publicOrigins = { LIVEKIT_PUBLIC_URL: runtimeEnv.LIVEKIT_PUBLIC_URL, S3_PUBLIC_ENDPOINT: runtimeEnv.S3_PUBLIC_ENDPOINT }
    const siteEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(ports.site), RUNTIME_URL: runtimeUrl, ...publicOrigins }
    await run('site', ports.site, 'SITE_PORT', () => startSiteProcess(siteEnv, ports.site, logs.writerFor('site')), `http://localhost:${ports.site}`)
  } catch (error) {
    const failed = serviceNames.find((name) => !started.some((service) => service.name === name))
    if (failed) board.set(failed, 'failed', error instanceof Error ? error.message.split('\n')[0] : String(error))
    await stopAll()
    throw error
  }
  return { stop: stopAll }
}
