// What functions import from '#runtime'.
export { useConfig, useLogger, useDb, useCache, useRedis, useStorage, useLivekit } from './use.ts'
export { useRuntime } from './context.ts'
export { useSession, type Session } from './session/use-session.ts'
export { withTransaction } from './db/transaction.ts'
export { isRedisReady } from './redis/failover-driver.ts'
export { apiError, badRequest, unauthorized, forbidden, notFound, conflict, unavailable } from './errors.ts'
export { healthReport, probe } from './health/index.ts'
export type { FunctionMeta } from './routing/index.ts'
