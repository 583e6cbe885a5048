import { defineHandler } from 'h3'
import { probe, useDb, unavailable, type FunctionMeta } from '#runtime'

export const meta: FunctionMeta = { rateLimit: false }

// Ready for traffic once migrations ran (they run before listening) and the database answers.
export default defineHandler(async () => {
  const database = await probe(() => useDb().query('select 1'))
  if (database.status === 'down') throw unavailable(`Database not reachable: ${database.error}`)
  return { status: 'ready', database }
})
