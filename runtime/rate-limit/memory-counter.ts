export interface WindowCount {
  /** hits in the window so far, this one included */
  hits: number
  /** the value of the key asked to be read along (null: no such key); absent when it was not read */
  read?: string | null
}

export interface WindowCounter {
  /** Adds one hit to `key`'s window; a counter in Redis also reads `readAlong` in the same call. */
  increment(key: string, windowMs: number, readAlong?: string): Promise<WindowCount>
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
        return { hits: 1 }
      }
      return { hits: ++window.count }
    },
  }
}
