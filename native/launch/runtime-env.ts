import type { LaunchSettings } from './settings.ts'

export interface LocalServiceUrls {
  databaseUrl: string
  redisUrl: string
  s3Endpoint: string
}

/** The runtime's environment under `npm start`: .env, with the services on 127.0.0.1. */
export function localRuntimeEnv({ env, ports }: LaunchSettings, urls: LocalServiceUrls): Record<string, string> {
  return {
    ...env,
    NODE_ENV: env.NODE_ENV || 'development',
    HOST: '127.0.0.1',
    PORT: String(ports.runtime),
    DATABASE_URL: urls.databaseUrl,
    REDIS_URL: urls.redisUrl,
    LIVEKIT_URL: `http://127.0.0.1:${ports.livekit}`,
    LIVEKIT_PUBLIC_URL: env.LIVEKIT_PUBLIC_URL || `ws://localhost:${ports.livekit}`,
    S3_ENDPOINT: urls.s3Endpoint,
    S3_PUBLIC_ENDPOINT: env.S3_PUBLIC_ENDPOINT || `http://localhost:${ports.s3}`,
    S3_ACCESS_KEY: env.S3_ACCESS_KEY || 'test',
    S3_SECRET_KEY: env.S3_SECRET_KEY || 'test',
    S3_BUCKET: env.S3_BUCKET || 'livekit-recordings',
    // MiniStack starts empty: the bucket is made at the first start, as with Compose.
    S3_CREATE_BUCKET: 'true',
    PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${ports.site}`,
    // Requests arrive through the site's /api proxy: one hop, which writes X-Forwarded-For.
    TRUST_PROXY_HOPS: '1',
  }
}
