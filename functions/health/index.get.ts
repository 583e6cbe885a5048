import { defineHandler } from 'h3'
import { healthReport, isOperator, useRuntime, type HealthAnswer } from '#runtime'

// The overall status for everyone, 503 only when the database is down; which dependency is down and
// why only for the internal network and the operator token. Rate-limited like every API route.
export default defineHandler(async (event): Promise<HealthAnswer> => {
  const report = await healthReport(useRuntime())
  if (report.status === 'down') event.res.status = 503
  // The answer depends on who asks: no shared cache may keep it.
  event.res.headers.set('cache-control', 'no-store')
  return isOperator(event) ? report : { status: report.status }
})
