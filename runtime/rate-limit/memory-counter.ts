export interface WindowCounter {
  /** Adds one hit to `key`'s window and returns the hits so far. */
  increment(key: string, windowMs: number): Promise<number>
}

// In-process fixed windows, used while Redis is down: limits then hold per instance only.
export function createMemoryCounter(now: () => number = Date.now): WindowCounter {
  const windows = new Map<string, { count: number; expiresAt: number }>()
  return {
    async increment(key, windowMs) {
      const at = now()
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.expiresAt <= at) windows.delete(k)
      const window = windows.get(key)
      if (!window || window.expiresAt <= at) {
        windows.set(key, { count: 1, expiresAt: at + windowMs })
        return 1
      }
      return ++window.count
    },
  }
}
