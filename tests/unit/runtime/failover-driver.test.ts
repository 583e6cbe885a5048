import { describe, expect, test } from 'vitest'
import { createStorage, type Driver } from 'unstorage'
import memoryDriver from 'unstorage/drivers/memory'
import type { Redis } from 'ioredis'
import { failoverDriver } from '../../../runtime/redis/failover-driver.ts'

/** A Redis stand-in: a status, and a primary that fails the way ioredis does when told to. */
function setup() {
  const redis = { status: 'ready' } as { status: string }
  const stored = memoryDriver()
  let failure: Error | undefined
  const primary: Driver = {
    ...stored,
    getItem: async (key, opts) => {
      if (failure) throw failure
      return stored.getItem(key, opts)
    },
    setItem: async (key, value, opts) => {
      if (failure) throw failure
      return stored.setItem!(key, value, opts)
    },
  }
  const storage = createStorage({ driver: failoverDriver({ primary, redis: redis as unknown as Redis }) })
  return { redis, storage, fail: (error: Error | undefined) => (failure = error) }
}

const cutOff = () => Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' })

describe('failover cache', () => {
  test('answers from Redis while it is ready', async () => {
    const { storage } = setup()
    await storage.setItem('a', 'redis')
    expect(await storage.getItem('a')).toBe('redis')
  })

  test('a command cut off by the connection dropping is answered in memory instead of failing', async () => {
    const { storage, redis, fail } = setup()
    fail(cutOff())
    await storage.setItem('b', 'kept in memory')
    expect(await storage.getItem('b')).toBe('kept in memory')
    redis.status = 'reconnecting'
    fail(new Error('Connection is closed.'))
    expect(await storage.getItem('b')).toBe('kept in memory')
  })

  test('any other Redis error while it is ready still surfaces', async () => {
    const { storage, fail } = setup()
    fail(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))
    await expect(storage.getItem('c')).rejects.toThrow('WRONGTYPE')
  })
})
