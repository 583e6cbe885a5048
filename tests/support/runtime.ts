import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { freePort } from '../../native/free-port.ts'
import type { ServiceUrls } from './services.ts'

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

/** A fresh, empty database on the shared test server, so test files never see each other's rows. */
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

/** The environment a runtime gets from the test services; `overrides` wins, `undefined` removes. */
export async function runtimeEnv(services: ServiceUrls, overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string | undefined> = {
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
  const env = await runtimeEnv(services, overrides)
  return spawnRuntime(env)
}

export async function spawnRuntime(env: Record<string, string>, { waitReady = true } = {}): Promise<RunningRuntime> {
  const child = spawn(process.execPath, ['runtime/main.ts'], {
    // ENV_FILE: a developer's .env must not leak into tests.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: '/dev/null', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const url = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT}`
  const runtime: RunningRuntime = {
    url,
    env,
    databaseUrl: env.DATABASE_URL,
    process: child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
  if (waitReady) await waitUntilReady(runtime)
  return runtime
}

async function waitUntilReady(runtime: RunningRuntime, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  let ended = false
  void runtime.exited.then(() => (ended = true))
  while (Date.now() < deadline) {
    if (ended) throw new Error(`Runtime exited before it was ready:\n${runtime.output()}`)
    const ready = await fetch(`${runtime.url}/health/ready`).then((r) => r.ok, () => false)
    if (ready) return
    await sleep(100)
  }
  await runtime.stop('SIGKILL')
  throw new Error(`Runtime not ready within ${timeoutMs} ms:\n${runtime.output()}`)
}
