// What functions import from '#runtime'.
export { useConfig, useLogger, useDb, useCache, useRedis, useStorage, useLivekit } from './use.ts'
export { useRuntime } from './context.ts'
export { useSession, type Session } from './session/use-session.ts'
export { withTransaction } from './db/transaction.ts'
export { isRedisReady } from './redis/failover-driver.ts'
export { apiError, badRequest, unauthorized, forbidden, notFound, conflict, unavailable } from './errors.ts'
export { healthReport, databaseCheck } from './health/index.ts'
export { isOperator } from './http/operator.ts'
export { assertNotCrossSite } from './http/fetch-site.ts'
export type { FunctionMeta } from './routing/index.ts'
// The API's answer and error shapes (types only), which functions declare as their return types.
export type * from '../types/api.ts'
