import { inject } from 'vitest'

/** What the integration global setup (tests/setup/services.ts) started, shared by every test file. */
export interface ServiceUrls {
  databaseUrl: string
  redisUrl: string
  s3Endpoint: string
  /** ws:// for clients */
  livekitUrl: string
  /** http:// for the server API */
  livekitHttpUrl: string
  livekitKey: string
  livekitSecret: string
}

declare module 'vitest' {
  interface ProvidedContext {
    services: ServiceUrls
  }
}

/** The shared real services; only in the `integration` project. */
export function useServices(): ServiceUrls {
  return inject('services')
}
