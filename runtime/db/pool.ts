import pg from 'pg'
import type { ConsolaInstance } from 'consola'
import { retry } from '../retry.ts'

// A pool that waits for PostgreSQL at start; afterwards pg reconnects per query by itself.
export async function connectDatabase(url: string, logger: ConsolaInstance): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 })
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger.warn('PostgreSQL connection lost:', error.message))
  await retry(() => pool.query('select 1'), {
    attempts: 8,
    baseDelayMs: 250,
    onRetry: (error, attempt, delayMs) => logger.warn(`PostgreSQL not reachable (attempt ${attempt}): ${(error as Error).message}; retrying in ${delayMs} ms`),
  })
  return pool
}
