import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServiceProcess, type ServiceProcess, type ServiceProcessOptions } from './process.ts'
import { tcpAnswers } from './probes.ts'

export interface RedisOptions {
  port: number
  /** Where the append-only file lives; reuse it to keep data across restarts. A temp dir, removed by stop(), when omitted. */
  dir?: string
  /** Defaults to true. */
  appendonly?: boolean
  onOutput?: ServiceProcessOptions['onOutput']
}

export interface RedisHandle {
  url: string
  stop: () => Promise<void>
  /** SIGKILL, for fault tests; start again with the same port and dir to recover. */
  kill: () => Promise<void>
  /** Resolves when the server process ends. */
  exited: ServiceProcess['exited']
}

/** Debian's redis-server with no config file, on 127.0.0.1 only, RDB snapshots off. */
export async function startRedis(options: RedisOptions): Promise<RedisHandle> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'meet-redis-')))
  await mkdir(dir, { recursive: true })
  const removeOwnDir = () => (options.dir ? Promise.resolve() : rm(dir, { recursive: true, force: true }))
  const { stop, kill, exited } = await startServiceProcess({
    name: 'redis-server',
    command: 'redis-server',
    args: ['--port', String(options.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', options.appendonly === false ? 'no' : 'yes', '--dir', dir],
    // PING answers -LOADING until the append-only file is replayed.
    ready: () => tcpAnswers(options.port, 'PING\r\n', '+PONG'),
    onOutput: options.onOutput,
  })
  return { url: `redis://127.0.0.1:${options.port}`, stop: () => stop().then(removeOwnDir), kill, exited }
}
