/** Restart delays: 1 s, doubling up to 30 s; `reset()` once the service has stayed up. */
export function createBackoff({ firstMs = 1_000, maxMs = 30_000 } = {}) {
  let nextMs = firstMs
  return {
    next(): number {
      const delay = nextMs
      nextMs = Math.min(nextMs * 2, maxMs)
      return delay
    },
    reset() {
      nextMs = firstMs
    },
  }
}
