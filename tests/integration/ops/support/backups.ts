import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { loadConfig } from '../../../../runtime/config/load.ts'
import { createBucket } from '../../../../runtime/storage/bucket.ts'
import { query } from '../../../support/db.ts'

const execFileAsync = promisify(execFile)

export interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command as an operator would, with only the given environment; never throws on exit codes. */
export async function run(command: string, args: string[], env: Record<string, string>): Promise<Ran> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: '/dev/null', ...env },
      timeout: 120_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

export const node = (script: string, args: string[], env: Record<string, string>) => run(process.execPath, [script, ...args], env)

/** Every row of every table of the database, in a stable order: equal snapshots mean equal data. */
export async function snapshot(databaseUrl: string): Promise<Record<string, string[]>> {
  const tables = await query<{ name: string }>(
    databaseUrl,
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )
  const rows: Record<string, string[]> = {}
  for (const { name } of tables) {
    const found = await query<{ row: string }>(databaseUrl, `select t::text as row from ${pg.escapeIdentifier(name)} t`)
    rows[name] = found.map((r) => r.row).sort()
  }
  return rows
}

/** Database names on the server of `databaseUrl` that start with `prefix`. */
export async function databasesLike(databaseUrl: string, prefix: string): Promise<string[]> {
  const rows = await query<{ datname: string }>(databaseUrl, `select datname from pg_database where starts_with(datname, $1) order by 1`, [prefix])
  return rows.map((r) => r.datname)
}

export async function dropDatabase(databaseUrl: string) {
  const name = new URL(databaseUrl).pathname.slice(1)
  await query(databaseUrl.replace(/\/[^/]*$/, '/postgres'), `drop database ${pg.escapeIdentifier(name)} with (force)`)
}

export async function ensureBucket(env: Record<string, string>) {
  const bucket = createBucket(loadConfig({ ...env, S3_CREATE_BUCKET: 'true' }))
  await bucket.ensure(true)
  return bucket
}
