import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './free-port.ts'
import { httpAnswers } from './probes.ts'
import { startServiceProcess, type ServiceProcessOptions } from './process.ts'
import type { ServiceUrls } from './services.ts'

// The runtime as a process of its own (`node runtime/main.ts`), as a user starts it: for the
// launcher, the tests and the benchmarks.

/**
 * How every launcher starts the runtime process, as the image does: the compile cache on before the
 * entry is parsed (a restart then loads no TypeScript stripper, about 17 MiB resident), and glibc's
 * malloc held to two arenas rather than one per thread.
 */
const RUNTIME_PROCESS_ENV = { NODE_COMPILE_CACHE: join(tmpdir(), 'node-compile-cache'), MALLOC_ARENA_MAX: '2' }

/** `node runtime/main.ts` for the launcher, ready once /health/live answers (LiveKit may still be down). */
export function startRuntimeProcess(env: NodeJS.ProcessEnv, port: number, onOutput: ServiceProcessOptions['onOutput']) {
  const url = `http://127.0.0.1:${port}`
  return startServiceProcess({
    name: 'runtime',
    command: process.execPath,
    args: ['runtime/main.ts'],
    env: { ...RUNTIME_PROCESS_ENV, ...env },
    ready: () => httpAnswers(`${url}/health/live`),
    onOutput,
  })
}

export interface RunningRuntime {
  url: string
  env: Record<string, string>
  databaseUrl: string
  process: ChildProcess
  /** everything the process printed so far */
  output(): string
  /** resolves with the exit code once the process ends */
  exited: Promise<number | null>
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** A fresh, empty database on the shared server, so test files never see each other's rows. */
export async function createDatabase(databaseUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query(`create database ${name}`)
  await client.end()
  const url = new URL(databaseUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** The environment a runtime gets from the native services; `overrides` wins, `undefined` removes. */
export async function runtimeEnv(services: ServiceUrls, overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string | undefined> = {
    ...RUNTIME_PROCESS_ENV,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
    DATABASE_URL: await createDatabase(services.databaseUrl),
    REDIS_URL: services.redisUrl,
    LIVEKIT_URL: services.livekitHttpUrl,
    LIVEKIT_API_KEY: services.livekitKey,
    LIVEKIT_API_SECRET: services.livekitSecret,
    S3_ENDPOINT: services.s3Endpoint,
    S3_ACCESS_KEY: 'test',
    S3_SECRET_KEY: 'test',
    S3_BUCKET: `rec-${randomBytes(4).toString('hex')}`,
    S3_CREATE_BUCKET: 'true',
    PUBLIC_URL: 'http://localhost:3000',
    // Every test runtime shares one Redis and one client address: limits are opted into per test.
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_TOKEN_MAX: '100000',
    ...overrides,
  }
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>
}

/** Spawns `node runtime/main.ts` as a user would and waits until /health/ready answers. */
export async function startRuntime(services: ServiceUrls, overrides: Record<string, string | undefined> = {}): Promise<RunningRuntime> {
  return spawnRuntime(await runtimeEnv(services, overrides))
}

/** `waitReady: false` returns once it is spawned (a start that must fail is awaited through `exited`). */
export async function spawnRuntime(env: Record<string, string>, { waitReady = true } = {}): Promise<RunningRuntime> {
  const url = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT}`
  const lines: string[] = []
  const started = await startServiceProcess({
    name: 'runtime',
    command: process.execPath,
    args: ['runtime/main.ts'],
    // ENV_FILE: a developer's .env must not leak in.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: '/dev/null', ...env },
    ready: waitReady ? async () => (await fetch(`${url}/health/ready`)).ok : async () => true,
    onOutput: (line) => lines.push(line),
  })
  const exited = started.exited.then(({ code }) => code)
  const child = started.child
  return {
    url,
    env,
    databaseUrl: env.DATABASE_URL,
    process: child,
    output: () => lines.join('\n'),
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
