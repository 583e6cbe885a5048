import { resolve } from 'node:path'
import type { ConsolaInstance } from 'consola'

// Development without DATABASE_URL: an embedded PostgreSQL 18 whose data survives restarts.
export async function startEmbeddedDatabase(dataDir: string, logger: ConsolaInstance) {
  const { startPostgres } = await import('../../native/postgres.ts')
  const dir = resolve(dataDir, 'postgres')
  const server = await startPostgres({ dataDir: dir, port: 54329 })
  logger.info(`Embedded PostgreSQL running with data in ${dir}`)
  return server
}
