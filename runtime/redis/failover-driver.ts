import { defineDriver, type Driver } from 'unstorage'
import memoryDriver from 'unstorage/drivers/memory'
import type { Redis } from 'ioredis'
import { isRedisReady } from './client.ts'

// A command already on the wire when the connection drops fails with one of these.
const isConnectionLoss = (error: unknown) =>
  (error as Error)?.name === 'MaxRetriesPerRequestError' || /Connection is closed|Stream isn't writeable/i.test((error as Error)?.message ?? '')

// Redis while it answers, an in-process map while it does not: the API keeps serving either way.
export const failoverDriver = defineDriver((options: { primary: Driver; redis: Redis }) => {
  const fallback = memoryDriver()
  const use = async <T>(call: (driver: Driver) => T | Promise<T>): Promise<T> => {
    if (!isRedisReady(options.redis)) return call(fallback)
    try {
      return await call(options.primary)
    } catch (error) {
      if (isRedisReady(options.redis) && !isConnectionLoss(error)) throw error
      return call(fallback)
    }
  }
  return {
    name: 'failover',
    hasItem: (key, opts) => use((d) => d.hasItem(key, opts)),
    getItem: (key, opts) => use((d) => d.getItem(key, opts)),
    setItem: (key, value, opts) => use((d) => d.setItem!(key, value, opts)),
    removeItem: (key, opts) => use((d) => d.removeItem!(key, opts)),
    getKeys: (base, opts) => use((d) => d.getKeys(base, opts)),
    clear: (base, opts) => use((d) => d.clear!(base, opts)),
    dispose: () => fallback.dispose?.(),
  }
})
