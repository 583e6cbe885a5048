import { freePort } from '../native/free-port.ts'
import { functionsWithGenerated } from './generate-functions.ts'
import { startServer } from './server.ts'
import { round, spread, type Spread } from './stats.ts'
import { cpuSeconds } from './cpu.ts'

export interface StartupResult {
  rounds: number
  /** the real function set with V8's compile cache off: a first start on a fresh machine */
  withoutCompileCacheMs: Spread
  /** generated files on top of the real function set → ms from spawn to /health/ready answering 200 */
  byGeneratedFiles: Array<{ generatedFiles: number; readyMs: Spread; readyCpuMs?: Spread }>
  /** least-squares slope: what each extra function file adds to start-up */
  msPerFile: number
}

const COUNTS = [0, 50, 100, 200]

/**
 * Process start to ready, against an already migrated database (a restart, not a first install).
 * The compile cache is warm after the first start of each set (the first of the rounds).
 */
export async function measureStartup(env: Record<string, string>, log: (line: string) => void, rounds = 5): Promise<StartupResult> {
  const dirs = new Map<number, string>()
  for (const count of COUNTS) dirs.set(count, await functionsWithGenerated(count))
  const times = new Map<number, number[]>(COUNTS.map((c) => [c, []]))
  // CPU the server used up to ready (user + system, 10 ms ticks): on a machine shared with other work,
  // wall time measures the queue for a core as much as the start-up; CPU time does not.
  const cpuTimes = new Map<number, number[]>(COUNTS.map((c) => [c, []]))
  const uncached: number[] = []
  for (let r = 0; r < rounds; r++) {
    const cold = await startServer({
      args: ['runtime/main.ts'],
      env: { ...env, PORT: String(await freePort()), NODE_DISABLE_COMPILE_CACHE: '1' },
      readyPath: '/health/ready',
    })
    await cold.stop()
    uncached.push(cold.readyMs)
    log(`start-up without compile cache: ${Math.round(cold.readyMs)} ms`)
    for (const count of COUNTS) {
      const server = await startServer({
        args: ['runtime/main.ts'],
        env: { ...env, PORT: String(await freePort()), FUNCTIONS_DIR: dirs.get(count)! },
        readyPath: '/health/ready',
      })
      const cpuMs = cpuSeconds(server.pid) * 1000
      await server.stop()
      times.get(count)!.push(server.readyMs)
      cpuTimes.get(count)!.push(cpuMs)
      log(`start-up with ${count} generated files: ${Math.round(server.readyMs)} ms, ${Math.round(cpuMs)} ms CPU`)
    }
  }
  const byGeneratedFiles = COUNTS.map((count) => ({ generatedFiles: count, readyMs: spread(times.get(count)!), readyCpuMs: spread(cpuTimes.get(count)!) }))
  return {
    rounds,
    withoutCompileCacheMs: spread(uncached),
    byGeneratedFiles,
    msPerFile: round(slope(byGeneratedFiles.map((b) => [b.generatedFiles, b.readyMs.median]))),
  }
}

function slope(points: Array<[number, number]>): number {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return sxy / sxx
}
