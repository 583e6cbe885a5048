import { setTimeout as sleep } from 'node:timers/promises'

export interface RetryOptions {
  attempts: number
  baseDelayMs: number
  maxDelayMs?: number
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

// Exponential backoff for start-up connections: services in a stack come up in any order.
export async function retry<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task()
    } catch (error) {
      if (attempt >= options.attempts) throw error
      const delayMs = Math.min(options.baseDelayMs * 2 ** (attempt - 1), options.maxDelayMs ?? 10_000)
      options.onRetry?.(error, attempt, delayMs)
      await sleep(delayMs)
    }
  }
}
