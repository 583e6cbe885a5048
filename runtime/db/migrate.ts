import { fileURLToPath } from 'node:url'
import Postgrator from 'postgrator'
import type pg from 'pg'

const MIGRATIONS = fileURLToPath(new URL('../migrations/*.sql', import.meta.url))
// Any constant works; it only has to be the same for every runtime instance.
const MIGRATION_LOCK = 7_880_001

export class MigrationError extends Error {
  constructor(migration: string, cause: Error) {
    super(`Migration ${migration} failed: ${cause.message}. Nothing was applied; fix the migration and start again.`, { cause })
    this.name = 'MigrationError'
  }
}

// A migration file, once released, is never edited, comments included: postgrator compares each
// applied file's MD5 with the one it stored and refuses to start on a mismatch. (So 001's heading
// still says "five tables" for the six it creates.)
// All pending migrations run in one transaction: a failure leaves the schema exactly as it was,
// and the advisory lock keeps two instances starting together from migrating twice.
export async function migrate(pool: pg.Pool, migrationPattern = MIGRATIONS): Promise<string[]> {
  const client = await pool.connect()
  let current = '(setup)'
  try {
    await client.query('begin')
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    const postgrator = new Postgrator({
      migrationPattern,
      driver: 'pg',
      schemaTable: 'schema_migrations',
      execQuery: (sql) => client.query(sql),
    })
    postgrator.on('migration-started', (migration) => (current = migration.filename.split('/').pop()!))
    const applied = await postgrator.migrate()
    await client.query('commit')
    return applied.map((migration) => migration.name)
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw new MigrationError(current, error as Error)
  } finally {
    client.release()
  }
}
