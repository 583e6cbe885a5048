import type { App } from './apps.ts'
import { loadRound, type LoadSpec } from './load.ts'
import { memoryBelow, peakRssDuring, rssMiB } from './memory.ts'
import { round } from './stats.ts'

export interface StackMemoryResult {
  runtimeIdleRssMiB: number
  runtimeLoadedRssMiB: number
  /** PSS per program, MiB: every service this benchmark started plus the runtime */
  stackIdleMiB: Record<string, number>
  stackLoadedMiB: Record<string, number>
  stackIdleTotalMiB: number
  stackLoadedTotalMiB: number
  /** Oracle Always Free A1: 4 OCPU, 24 GB */
  budgetMiB: number
}

const BUDGET_MIB = 24 * 1024
const rounded = (totals: Record<string, number>) => Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, round(v, 1)]))
const sum = (totals: Record<string, number>) =>
  round(
    Object.values(totals).reduce((a, b) => a + b, 0),
    1,
  )

/** The runtime alone, idle and under token load, and the whole native stack around it. */
export async function measureStackMemory(app: App, load: LoadSpec, log: (line: string) => void): Promise<StackMemoryResult> {
  const server = await app.start()
  try {
    // Idle: start-up done, warm-up of the functions and its clean-up included.
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    const runtimeIdleRssMiB = round(rssMiB(server.pid), 1)
    const stackIdle = memoryBelow(process.pid)
    let stackLoaded: Record<string, number> = {}
    const sampler = setTimeout(() => (stackLoaded = memoryBelow(process.pid)), 8000)
    const { peakMiB } = await peakRssDuring(server.pid, () => loadRound(server.url, server.pid, load, 10, 10))
    clearTimeout(sampler)
    log(`runtime RSS idle ${runtimeIdleRssMiB} MiB, under load ${round(peakMiB, 1)} MiB; stack ${sum(stackIdle)} MiB idle, ${sum(stackLoaded)} MiB loaded`)
    return {
      runtimeIdleRssMiB,
      runtimeLoadedRssMiB: round(peakMiB, 1),
      stackIdleMiB: rounded(stackIdle),
      stackLoadedMiB: rounded(stackLoaded),
      stackIdleTotalMiB: sum(stackIdle),
      stackLoadedTotalMiB: sum(stackLoaded),
      budgetMiB: BUDGET_MIB,
    }
  } finally {
    await server.stop()
  }
}
