import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRedis, type RedisHandle } from '../../native/redis.ts'
import { freePort } from '../../native/free-port.ts'

export interface OwnRedis {
  url: string
  /** SIGKILL, as a crash */
  kill(): Promise<void>
  /** again on the same port and data dir, as a supervisor would */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** A Redis of a test's own, to crash and restart without disturbing other test files. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'meet-own-redis-'))
  let handle: RedisHandle = await startRedis({ port, dir })
  return {
    url: handle.url,
    kill: () => handle.kill(),
    async restart() {
      handle = await startRedis({ port, dir })
    },
    async stop() {
      await handle.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
