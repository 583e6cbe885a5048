import { defineDriver, type Driver } from 'unstorage'
import memoryDriver from 'unstorage/drivers/memory'
import type { Redis } from 'ioredis'

export const isRedisReady = (redis: Redis) => redis.status === 'ready'

// Redis while it answers, an in-process map while it does not: the API keeps serving either way.
export const failoverDriver = defineDriver((options: { primary: Driver; redis: Redis }) => {
  const fallback = memoryDriver()
  const pick = (): Driver => (isRedisReady(options.redis) ? options.primary : fallback)
  return {
    name: 'failover',
    hasItem: (key, opts) => pick().hasItem(key, opts),
    getItem: (key, opts) => pick().getItem(key, opts),
    setItem: (key, value, opts) => pick().setItem!(key, value, opts),
    removeItem: (key, opts) => pick().removeItem!(key, opts),
    getKeys: (base, opts) => pick().getKeys(base, opts),
    clear: (base, opts) => pick().clear!(base, opts),
    dispose: () => fallback.dispose?.(),
  }
})
