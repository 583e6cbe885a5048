/**
 * Wraps `task` so that callers share its promise: while it runs, and for `ttlMs` after it started.
 * Whatever the request rate, `task` starts at most once per `ttlMs`; 0 shares only the one in flight.
 * A rejection is not kept: the next caller starts afresh.
 */
export function shareFor<T>(ttlMs: number, task: () => Promise<T>, now = () => performance.now()): () => Promise<T> {
  let current: { promise: Promise<T>; startedAt: number; settled: boolean } | undefined
  return () => {
    if (current && (!current.settled || now() - current.startedAt < ttlMs)) return current.promise
    const entry = { promise: task(), startedAt: now(), settled: false }
    current = entry
    entry.promise.then(
      () => (entry.settled = true),
      () => {
        if (current === entry) current = undefined
      },
    )
    return entry.promise
  }
}
