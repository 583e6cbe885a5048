import { startServiceProcess } from '../native/process.ts'
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
  const url = `http://127.0.0.1:${env.PORT}`
  const startedAt = performance.now()
  const { child, stop } = await startServiceProcess({
    name: args.join(' '),
    command,
    args: argv,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: '/dev/null', ...env },
    stdout: 'ignore',
    ready: async () => (await fetch(url + readyPath)).status === 200,
    // Start-up is measured: ask often.
    pollMs: 5,
  })
  return { url, pid: child.pid!, readyMs: performance.now() - startedAt, stop }
}
