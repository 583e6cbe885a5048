import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { freePort } from '../../native/free-port.ts'
import { startLivekit } from '../../native/livekit.ts'
import { startMinistack } from '../../native/ministack.ts'
import { startPostgres } from '../../native/postgres.ts'
import { startRedis } from '../../native/redis.ts'
import type { ServiceUrls } from '../support/services.ts'

const livekitKeys = { key: 'meet-test', secret: 'meet-test-secret-at-least-32-characters' }

/**
 * Starts one real PostgreSQL, Redis, MiniStack and LiveKit for the whole integration run.
 * A missing program fails the run (never a skip): install with `npm run setup`.
 */
export default async function setup(project: TestProject) {
  const root = await mkdtemp(join(tmpdir(), 'meet-services-'))
  const started: Array<{ stop: () => Promise<void> }> = []
  const teardown = async () => {
    await Promise.allSettled(started.map((service) => service.stop()))
    await rm(root, { recursive: true, force: true })
  }
  try {
    const [postgres, redis, ministack, livekit] = await startedTogether(started, [
      startPostgres({ dataDir: join(root, 'postgres'), port: await freePort() }),
      startRedis({ port: await freePort(), dir: join(root, 'redis') }),
      startMinistack({ port: await freePort() }),
      // Single-node LiveKit, kept out of the shared Redis so tests that flush it cannot disturb rooms.
      startLivekit({ port: await freePort(), keys: livekitKeys, configDir: join(root, 'livekit') }),
    ])
    const services: ServiceUrls = {
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      s3Endpoint: ministack.endpoint,
      livekitUrl: livekit.url,
      livekitHttpUrl: livekit.httpUrl,
      livekitKey: livekitKeys.key,
      livekitSecret: livekitKeys.secret,
    }
    project.provide('services', services)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}

type Stoppable = { stop: () => Promise<void> }

/** Waits for every start and records those that came up (so teardown stops them); one error names every failure. */
async function startedTogether<T extends Stoppable[]>(started: Stoppable[], starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(starts)
  const failures: string[] = []
  for (const result of results) {
    if (result.status === 'fulfilled') started.push(result.value)
    else failures.push(result.reason instanceof Error ? result.reason.message : String(result.reason))
  }
  if (failures.length) throw new Error(`integration services did not start:\n\n${failures.join('\n\n')}`)
  return results.map((result) => (result as PromiseFulfilledResult<Stoppable>).value) as T
}
