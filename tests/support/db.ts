import pg from 'pg'

/** One query against a runtime's database, to check what was (or was not) stored. */
export async function query<T extends pg.QueryResultRow = any>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}
