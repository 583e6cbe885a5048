import { defineHandler } from 'h3'
import { healthReport, useRuntime, type FunctionMeta } from '#runtime'

export const meta: FunctionMeta = { rateLimit: false }

// Every dependency with status and latency; 503 only when the database is down.
export default defineHandler(async (event) => {
  const report = await healthReport(useRuntime())
  if (report.status === 'down') event.res.status = 503
  return report
})
