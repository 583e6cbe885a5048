import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { onServerCore } from './pin.ts'

export interface ServerUnderTest {
  url: string
  pid: number
  /** ms from spawn to the first 200 on the ready path */
  readyMs: number
  stop(): Promise<void>
}

export interface ServerOptions {
  /** node arguments: the entry file and any flags */
  args: string[]
  env: Record<string, string>
  readyPath: string
}

/**
 * Spawns a server on the server core and waits for `readyPath` to answer 200. stdout goes to
 * /dev/null as a deployment's log driver would take it: the cost of writing logs stays, the cost
 * of the benchmark reading them does not. stderr is kept for the error message.
 */
export async function startServer({ args, env, readyPath }: ServerOptions): Promise<ServerUnderTest> {
  const [command, argv] = onServerCore(process.execPath, args)
  const startedAt = performance.now()
  const child = spawn(command, argv, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: '/dev/null', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  child.stderr!.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)))
  const exited = once(child, 'exit')
  let ended = false
  void exited.then(() => (ended = true))
  const url = `http://127.0.0.1:${env.PORT}`
  const stop = async () => {
    if (!ended) child.kill('SIGTERM')
    await exited
  }
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline && !ended) {
    const ok = await fetch(url + readyPath).then((r) => r.status === 200, () => false)
    if (ok) return { url, pid: child.pid!, readyMs: performance.now() - startedAt, stop }
    await sleep(5)
  }
  await stop()
  throw new Error(`${args.join(' ')} did not become ready:\n${errors}`)
}
