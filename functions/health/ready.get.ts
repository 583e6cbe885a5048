import { defineHandler } from 'h3'
import { databaseCheck, unavailable, useRuntime, type FunctionMeta, type Readiness } from '#runtime'

// Orchestrators poll it: never rate-limited, and concurrent polls share one database round trip.
export const meta: FunctionMeta = { rateLimit: false }

// Ready for traffic once migrations ran (they run before listening) and the database answers.
export default defineHandler(async (): Promise<Readiness> => {
  const database = await databaseCheck(useRuntime())
  if (database.status === 'down') throw unavailable(`The database is not answering (${database.message})`)
  return { status: 'ready' }
})
