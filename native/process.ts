import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { requireExecutable } from './executable.ts'

export interface ServiceProcessOptions {
  /** Shown in errors, e.g. `redis-server`. */
  name: string
  /** A path or a name on PATH; a missing one fails with an install hint. */
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Run as another user (root starting PostgreSQL). */
  runAs?: { uid: number; gid: number }
  /** What stop() sends first; SIGTERM unless the service shuts down faster on another. */
  stopSignal?: NodeJS.Signals
  /** Resolves true once the service answers; polled until then. */
  ready: () => Promise<boolean>
  readyTimeoutMs?: number
  /** How often `ready()` is asked (100 ms); a benchmark timing start-up asks more often. */
  pollMs?: number
  /** Receives each output line; otherwise output is only kept for error messages. */
  onOutput?: (line: string) => void
  /** `'ignore'`: stdout goes nowhere, as a log driver would take it (a benchmark must not pay for reading it). */
  stdout?: 'pipe' | 'ignore'
}

export interface ServiceProcess {
  child: ChildProcess
  /** SIGTERM (or the stopSignal), then SIGKILL if the process lingers. */
  stop: () => Promise<void>
  /** SIGKILL at once, as a crash would. */
  kill: () => Promise<void>
  /** Resolves when the process ends, whether stopped or crashed. */
  exited: Promise<ProcessExit>
}

export interface ProcessExit {
  code: number | null
  signal: NodeJS.Signals | null
}

const running = new Map<ChildProcess, NodeJS.Signals>()
// 'exit' handlers must be synchronous: a signal is all that can be sent.
process.on('exit', () => {
  for (const [child, stopSignal] of running) child.kill(stopSignal)
})

// setpriv's pdeathsig also kills the service when this process dies without running 'exit' handlers.
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path))

/**
 * Spawns a service and resolves once `ready()` says it answers: the one spawn-and-wait loop for the
 * services, the runtime and the site, in the launcher, the tests and the benchmarks.
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const executable = requireExecutable(options.command)
  const [command, args] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', executable, ...options.args]] : [executable, options.args]
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    ...options.runAs,
  })
  running.set(child, options.stopSignal ?? 'SIGTERM')
  const output = captureOutput(child, options.onOutput)
  // 'exit', not 'close': forked helpers (postgres backends, redis rewrites) may hold the pipes a bit longer.
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()))
  exited.then(() => running.delete(child))

  const signal = async (name: NodeJS.Signals) => {
    if (child.pid === undefined) return // never spawned: no 'exit' will come
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    await exited
  }
  const stop = async () => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await signal(options.stopSignal ?? 'SIGTERM')
    clearTimeout(timer)
  }

  const outcome = await Promise.race([
    waitUntilReady(options, child),
    new Promise<string>((resolve) => child.once('error', (error) => resolve(`${options.name}: ${error.message}`))),
  ])
  if (outcome !== 'ready') {
    await signal('SIGKILL')
    await Promise.race([closed, sleep(500)]) // let the last lines of output arrive
    throw new Error(`${outcome}\n${output.tail()}`)
  }
  return { child, stop, kill: () => signal('SIGKILL'), exited }
}

async function waitUntilReady(options: ServiceProcessOptions, child: ChildProcess): Promise<string> {
  const { name, ready, readyTimeoutMs = 60_000, pollMs = 100 } = options
  const deadline = Date.now() + readyTimeoutMs
  while (child.exitCode === null && child.signalCode === null) {
    if (await ready().catch(() => false)) return 'ready'
    if (Date.now() > deadline) return `${name} not ready after ${readyTimeoutMs} ms`
    await sleep(pollMs)
  }
  return `${name} exited during startup (${child.exitCode ?? child.signalCode})`
}

function captureOutput(child: ChildProcess, onOutput?: (line: string) => void) {
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      onOutput?.(line)
      lines.push(line)
      if (lines.length > 40) lines.shift()
    }
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return { tail: () => lines.join('\n') }
}
