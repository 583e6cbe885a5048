import type pg from 'pg'
import { useDb } from '../use.ts'

// Runs `work` in one transaction: either every row it writes is stored, or none is.
export async function withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await useDb().connect()
  // The pool only listens on idle clients: a connection lost while this one is held (PostgreSQL
  // restarting) is an 'error' event that would otherwise crash the process. The next query fails
  // with it, which answers 503, and the broken client is dropped on release.
  let lost: Error | undefined
  const onError = (error: Error) => (lost = error)
  client.on('error', onError)
  try {
    await client.query('begin')
    const result = await work(client)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.off('error', onError)
    client.release(lost)
  }
}
