import { createServer } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk'
import pg from 'pg'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { startLivekit } from '../../../native/livekit.ts'
import { startPostgres } from '../../../native/postgres.ts'
import { startRedis } from '../../../native/redis.ts'
import { useServices } from '../../support/services.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function tempDir(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

describe('starters for private instances', () => {
  test('Redis keeps acknowledged writes after a SIGKILL and a restart on the same dir', async () => {
    const port = await freePort()
    const dir = await tempDir('meet-redis-fault-')
    const first = await startRedis({ port, dir })
    cleanups.push(first.stop)
    const client = new Redis(first.url)
    // Redis writes the append-only file before it acknowledges, so a crash keeps acknowledged writes.
    await client.set('survives', 'the crash')
    client.disconnect()
    await first.kill()

    const second = await startRedis({ port, dir })
    cleanups.push(second.stop)
    const again = new Redis(second.url)
    expect(await again.get('survives')).toBe('the crash')
    await again.quit()
  })

  test('PostgreSQL keeps its data dir across a stop and start, creating the named database once', async () => {
    const dataDir = join(await tempDir('meet-postgres-'), 'data')
    const options = { dataDir, port: await freePort(), user: 'meet', password: 'p@ss word', database: 'meet app' }
    const first = await startPostgres(options)
    const writer = new pg.Client({ connectionString: first.url })
    await writer.connect()
    await writer.query('create table notes (body text)')
    await writer.query(`insert into notes values ('kept')`)
    await writer.end()
    await first.stop()

    const second = await startPostgres(options)
    cleanups.push(second.stop)
    const reader = new pg.Client({ connectionString: second.url })
    await reader.connect()
    const { rows } = await reader.query('select current_database() as database, (select body from notes) as body')
    await reader.end()
    expect(rows[0]).toEqual({ database: 'meet app', body: 'kept' })
  })

  test('LiveKit with Redis sends webhooks signed with its API key', async () => {
    const keys = { key: 'hooks-key', secret: 'hooks-secret-hooks-secret-hooks-secret' }
    const receiver = new WebhookReceiver(keys.key, keys.secret)
    const events: string[] = []
    const hooks = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', async () => {
        const event = await receiver.receive(body, request.headers.authorization)
        events.push(`${event.event}:${event.room?.name}`)
        response.end()
      })
    })
    const hookPort = await freePort()
    await new Promise<void>((resolve) => hooks.listen(hookPort, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => hooks.close(resolve)))

    const livekit = await startLivekit({
      port: await freePort(),
      keys,
      webhookUrls: [`http://127.0.0.1:${hookPort}/livekit`],
      redisUrl: useServices().redisUrl,
      configDir: await tempDir('meet-livekit-'),
    })
    cleanups.push(livekit.stop)
    await new RoomServiceClient(livekit.httpUrl, keys.key, keys.secret).createRoom({ name: 'hooked' })
    await expect.poll(() => events, { timeout: 15_000 }).toContain('room_started:hooked')
  })

  test('a missing program fails with its path and how to install it', async () => {
    vi.stubEnv('LIVEKIT_SERVER_BIN', '/nowhere/livekit-server')
    cleanups.push(async () => vi.unstubAllEnvs())
    const starting = startLivekit({ port: await freePort(), keys: { key: 'k', secret: 's' }, configDir: await tempDir('meet-livekit-') })
    await expect(starting).rejects.toThrow('/nowhere/livekit-server not found; install it with `npm run setup`')
  })
})
