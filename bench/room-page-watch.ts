import { loadavg } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { round } from './stats.ts'

export interface MainThreadFigures {
  seconds: number
  /** the renderer's main thread busy time (DevTools' Performance.getMetrics TaskDuration) per second */
  mainThreadCpuMsPerSecond: number
  longTasks: { count: number; totalMs: number; maxMs: number }
  /** the machine's 1-minute load average as the watch began: the CPU figure moves with it */
  loadAverage: number
}

type LongTaskWindow = { longTasks: number[] }

/** Every page of the context records its long tasks (over 50 ms) from its first script on. */
export async function recordLongTasks(context: BrowserContext) {
  await context.addInitScript(() => {
    const tasks: number[] = []
    ;(window as unknown as LongTaskWindow).longTasks = tasks
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: true })
  })
}

/** Watches a page that has settled for `seconds`: the same figures whatever app the page is. */
export async function watchMainThread(page: Page, seconds: number): Promise<MainThreadFigures> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value
  await page.evaluate(() => (window as unknown as LongTaskWindow).longTasks.splice(0))
  const loadAverage = round(loadavg()[0], 2)
  const before = await taskSeconds()
  const started = Date.now()
  await sleep(seconds * 1000)
  const after = await taskSeconds()
  const elapsed = (Date.now() - started) / 1000
  const longTasks = await page.evaluate(() => (window as unknown as LongTaskWindow).longTasks.slice())
  await cdp.detach()
  return {
    seconds: round(elapsed, 1),
    mainThreadCpuMsPerSecond: round(((after - before) * 1000) / elapsed, 1),
    longTasks: {
      count: longTasks.length,
      totalMs: round(
        longTasks.reduce((a, b) => a + b, 0),
        0,
      ),
      maxMs: round(Math.max(0, ...longTasks), 0),
    },
    loadAverage,
  }
}

/** How many <video> elements under `scope` show frames. */
export const videosPlaying = (page: Page, scope: string) =>
  page.evaluate((selector) => [...document.querySelectorAll<HTMLVideoElement>(`${selector} video`)].filter((v) => v.videoWidth > 0).length, scope)
