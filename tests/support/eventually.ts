import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Polls `read` until `ok` holds, for things that happen asynchronously (webhooks, reconnects).
 * Returns the last value either way, so the caller's assertion shows what was seen.
 */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > deadline) return value
    await sleep(150)
  }
}
