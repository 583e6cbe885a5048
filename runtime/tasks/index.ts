import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Config } from '../config/load.ts'
import type { Runtime } from '../context.ts'

// Work the runtime does by itself on a schedule, one file per task in `functions/_tasks/`
// (like Nitro's tasks): `export default defineTask({ name, everySeconds, enabled, run })`.
export interface Task {
  name: string
  everySeconds: number
  /** Off unless this says yes (e.g. a setting is present); on when absent. */
  enabled?: (config: Config) => boolean
  /** What it did, for the log; throwing logs a warning and the next run tries again. */
  run: () => Promise<string | void>
}

export const defineTask = (task: Task) => task

/** The tasks of `functions/_tasks/`, imported (none when the folder is absent). */
export async function importTasks(functionsDir: string): Promise<Task[]> {
  const dir = join(functionsDir, '_tasks')
  if (!existsSync(dir)) return []
  const files = (await readdir(dir)).filter((name) => /\.(ts|js|mjs)$/.test(name)).sort()
  return Promise.all(files.map(async (file) => (await import(pathToFileURL(join(dir, file)).href)).default as Task))
}

/** Runs each enabled task once right after start, then every `everySeconds`. */
export async function startTasks(runtime: Runtime, functionsDir: string): Promise<{ stop(): void }> {
  const tasks = await importTasks(functionsDir)
  const timers: NodeJS.Timeout[] = []
  for (const task of tasks.filter((t) => t.enabled?.(runtime.config) ?? true)) {
    let running = false
    const tick = async () => {
      if (running) return
      running = true
      try {
        const outcome = await task.run()
        if (outcome) runtime.logger.info(`Task ${task.name}: ${outcome}`)
      } catch (error) {
        runtime.logger.warn(`Task ${task.name} failed, next try in ${task.everySeconds} s: ${(error as Error).message}`)
      } finally {
        running = false
      }
    }
    timers.push(setTimeout(tick, 0).unref(), setInterval(tick, task.everySeconds * 1000).unref())
    runtime.logger.info(`Task ${task.name}: every ${task.everySeconds} s`)
  }
  return { stop: () => timers.forEach((timer) => clearTimeout(timer)) }
}
