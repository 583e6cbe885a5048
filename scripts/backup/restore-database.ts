import pg from 'pg'
import { type PgTools, libpqEnv, runTool } from './pg-tools.ts'

class RestoreRefusedError extends Error {}

export interface Restored {
  database: string
  /** the database as it was before, kept under this name (none when it did not exist) */
  previous?: string
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').slice(0, 15).toLowerCase()
const firstLines = (text: string) => text.trim().split('\n').slice(0, 3).join(' / ')

/**
 * Restores a custom-format dump as the database of `databaseUrl`. The dump goes into a scratch
 * database first; only once it restored completely are the two swapped by renaming. Any
 * failure before the swap drops the scratch database and leaves the current one untouched.
 */
export async function restoreDatabase(tools: PgTools, databaseUrl: string, file: string, source = file): Promise<Restored> {
  const listed = await runTool(tools.pgRestore, ['--list', file], {})
  if (!listed.ok) {
    throw new RestoreRefusedError(
      `Refused: ${source} is not a readable pg_dump custom-format archive (${firstLines(listed.stderr)}). The database was not touched.`,
    )
  }
  const target = libpqEnv(databaseUrl).PGDATABASE
  const scratch = `${target.slice(0, 40)}_restore_${stamp()}`
  // Renames happen from the maintenance database: a database cannot rename itself.
  const adminUrl = new URL(databaseUrl)
  adminUrl.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  try {
    await admin.query(`create database ${admin.escapeIdentifier(scratch)}`)
    const restored = await runTool(
      tools.pgRestore,
      ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${scratch}`, file],
      libpqEnv(databaseUrl, scratch),
    )
    if (!restored.ok) {
      await admin.query(`drop database if exists ${admin.escapeIdentifier(scratch)} with (force)`)
      throw new RestoreRefusedError(
        `Refused: ${source} did not restore completely, it is probably truncated or damaged (${firstLines(restored.stderr)}). The database was not touched.`,
      )
    }
    return await swap(admin, target, scratch)
  } finally {
    await admin.end()
  }
}

// Renaming needs the database to be free: new connections are refused, open ones ended
// (the runtime's pool reconnects by itself, to the restored database under the same name).
async function swap(admin: pg.Client, target: string, scratch: string): Promise<Restored> {
  const id = (name: string) => admin.escapeIdentifier(name)
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [target])).rowCount === 1
  if (!exists) {
    await admin.query(`alter database ${id(scratch)} rename to ${id(target)}`)
    return { database: target }
  }
  const previous = `${target.slice(0, 40)}_before_${stamp()}`
  await admin.query(`alter database ${id(target)} with allow_connections false`)
  // The two renames commit together: a failure rolls both back.
  try {
    await admin.query('begin')
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [target])
    await admin.query(`alter database ${id(target)} rename to ${id(previous)}`)
    await admin.query(`alter database ${id(scratch)} rename to ${id(target)}`)
    await admin.query('commit')
  } catch (error) {
    await admin.query('rollback')
    await admin.query(`alter database ${id(target)} with allow_connections true`)
    await admin.query(`drop database if exists ${id(scratch)} with (force)`)
    throw new RestoreRefusedError(`Refused: could not set the current database aside (${(error as Error).message}). The database was not touched.`)
  }
  return { database: target, previous }
}
