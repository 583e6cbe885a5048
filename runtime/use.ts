import { useRuntime } from './context.ts'

export const useConfig = () => useRuntime().config
export const useLogger = () => useRuntime().logger
export const useDb = () => useRuntime().db
/** unstorage (as nitro's useStorage): Redis, in-process while Redis is down. */
export const useCache = () => useRuntime().cache
export const useRedis = () => useRuntime().redis
/** The S3 bucket recordings are stored in (presigned downloads, deletes). */
export const useRecordingsBucket = () => useRuntime().bucket
export const useLivekit = () => useRuntime().livekit
