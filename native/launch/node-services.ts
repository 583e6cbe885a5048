import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { httpAnswers } from '../probes.ts'
import { startServiceProcess, type ServiceProcessOptions } from '../process.ts'

type Output = ServiceProcessOptions['onOutput']

/** `node runtime/main.ts`, ready once /health/live answers (LiveKit may still be down). */
export function startRuntimeProcess(env: NodeJS.ProcessEnv, port: number, onOutput: Output) {
  const url = `http://127.0.0.1:${port}`
  return startServiceProcess({
    name: 'runtime',
    command: process.execPath,
    args: ['runtime/main.ts'],
    env,
    ready: () => httpAnswers(`${url}/health/live`),
    onOutput,
  })
}

/** The built Astro site (built first when a fresh clone has no site/dist yet). */
export function startSiteProcess(env: NodeJS.ProcessEnv, port: number, onOutput: Output) {
  if (!existsSync('site/dist/server/entry.mjs')) {
    execFileSync('npm', ['run', 'build', '-w', 'site'], { stdio: ['ignore', 'inherit', 'inherit'] })
  }
  return startServiceProcess({
    name: 'site',
    command: process.execPath,
    args: ['site/dist/server/entry.mjs'],
    env,
    ready: async () => (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) })).status < 500,
    onOutput,
  })
}
