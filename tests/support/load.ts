import { setTimeout as sleep } from 'node:timers/promises'

export interface LoadTally {
  requests: number
  /** answers by HTTP status */
  statuses: Record<number, number>
  /** requests that got no HTTP answer at all (refused, reset) */
  connectionErrors: number
}

export interface LoadOptions {
  workers: number
  /** stop after this many requests in all */
  maxRequests: number
  /** and after this long, whatever happens */
  maxMs: number
  /** pause between one worker's requests, so a fault phase does not spin */
  pauseMs?: number
}

export interface Load {
  tally: LoadTally
  /** resolves when the load ended by itself (count or time) */
  done: Promise<LoadTally>
  stop(): Promise<LoadTally>
}

/** Concurrent workers calling `step` (which returns the HTTP status) until stopped, counted or timed out. */
export function startLoad(options: LoadOptions, step: (worker: number, iteration: number) => Promise<number>): Load {
  const tally: LoadTally = { requests: 0, statuses: {}, connectionErrors: 0 }
  const deadline = Date.now() + options.maxMs
  let stopped = false
  const worker = async (w: number) => {
    for (let i = 0; !stopped && tally.requests < options.maxRequests && Date.now() < deadline; i++) {
      tally.requests++
      try {
        const status = await step(w, i)
        tally.statuses[status] = (tally.statuses[status] ?? 0) + 1
      } catch {
        tally.connectionErrors++
      }
      if (options.pauseMs) await sleep(options.pauseMs)
    }
  }
  const done = Promise.all(Array.from({ length: options.workers }, (_, w) => worker(w))).then(() => tally)
  return { tally, done, stop: () => ((stopped = true), done) }
}

/** How many answers had a status in [from, to]. */
export const countStatus = (tally: LoadTally, from: number, to = from) =>
  Object.entries(tally.statuses).reduce((n, [status, count]) => (Number(status) >= from && Number(status) <= to ? n + count : n), 0)
