import { type PgTools, libpqEnv, runTool } from './pg-tools.ts'

class BackupFailedError extends Error {}

/** A consistent custom-format dump of the database into `file`, checked readable before it is kept. */
export async function dumpDatabase(tools: PgTools, databaseUrl: string, file: string): Promise<void> {
  const env = libpqEnv(databaseUrl)
  const dumped = await runTool(tools.pgDump, ['--format=custom', '--no-owner', '--no-acl', `--file=${file}`], env)
  if (!dumped.ok) throw new BackupFailedError(`pg_dump of ${env.PGDATABASE} failed: ${dumped.stderr.trim()}`)
  const listed = await runTool(tools.pgRestore, ['--list', file], {})
  if (!listed.ok) throw new BackupFailedError(`the dump of ${env.PGDATABASE} is unreadable: ${listed.stderr.trim()}`)
}
