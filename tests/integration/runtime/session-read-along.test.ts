import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'

// The rate limit's Redis call also reads the session the request's cookie names: a request that
// reads its session makes one Redis command, and what it reads is what the session store holds.
describe('the session read along with the rate limit', () => {
  let redis: OwnRedis
  let client: Redis
  let runtime: RunningRuntime
  beforeAll(async () => {
    redis = await startOwnRedis()
    client = new Redis(redis.url)
    runtime = await startRuntime(useServices(), { REDIS_URL: redis.url })
  })
  afterAll(async () => {
    client?.disconnect()
    await runtime?.stop()
    await redis?.stop()
  })

  // The commands the runtime sends Redis while `act` runs (MONITOR; those a script calls are not counted).
  const commandsDuring = async (act: () => Promise<void>) => {
    const monitor = await client.monitor()
    const sent: string[] = []
    const own = `:${client.stream.localPort}`
    monitor.on(
      'monitor',
      (_time: string, args: string[], source: string) => void (source !== 'lua' && !source.endsWith(own) && sent.push(args[0]!.toLowerCase())),
    )
    // MONITOR lists commands as Redis runs them; a PING round trip afterwards flushes what is still on its way.
    await act()
    await client.ping()
    monitor.disconnect()
    return sent
  }
  const session = (cookie?: string) =>
    fetch(`${runtime.url}/session`, { headers: cookie ? { cookie } : {} }).then(async (r) => ({ status: r.status, body: await r.json() }))

  test('a returning visitor is recognized with one Redis command per request, and a session ended elsewhere is gone at once', async () => {
    const named = await fetch(`${runtime.url}/session`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"displayName":"Ada"}' })
    const cookie = named.headers.get('set-cookie')!.split(';')[0]!
    const { identity } = (await named.json()) as { identity: string }

    const sent = await commandsDuring(async () => {
      for (let i = 0; i < 5; i++) expect(await session(cookie)).toMatchObject({ status: 200, body: { identity, displayName: 'Ada' } })
    })
    // Five requests, one after the other: the script that counted each also read its session.
    expect(sent).toEqual(['evalsha', 'evalsha', 'evalsha', 'evalsha', 'evalsha'])

    // Deleted in Redis (signed out on another instance): the next request has no session.
    for (const key of await client.keys('meet:session:*')) await client.del(key)
    const gone = await session(cookie)
    expect(gone.status).toBe(200)
    expect(gone.body).toMatchObject({ identity: null, displayName: null })
  })

  test('a session cookie the runtime could not have issued is not looked up', async () => {
    const sent = await commandsDuring(async () => {
      expect(await session('meet_sid=not-an-id')).toMatchObject({ status: 200, body: { identity: null } })
    })
    expect(sent).toEqual(['evalsha'])
  })
})
