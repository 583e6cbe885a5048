import { useRuntime } from './context.ts'

export const useConfig = () => useRuntime().config
export const useLogger = () => useRuntime().logger
export const useDb = () => useRuntime().db
export const useCache = () => useRuntime().cache
export const useRedis = () => useRuntime().redis
export const useStorage = () => useRuntime().bucket
export const useLivekit = () => useRuntime().livekit
