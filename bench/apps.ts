import { freePort } from '../native/free-port.ts'
import { runtimeEnv } from '../native/runtime.ts'
import type { ServiceUrls } from '../native/services.ts'
import { startServer, type ServerUnderTest } from './server.ts'

export type AppName = 'runtime' | 'h3' | 'h3+cc' | 'express' | 'express+cc'

export interface App {
  name: AppName
  description: string
  start(): Promise<ServerUnderTest>
}

/**
 * The runtime as deployed (NODE_ENV=production: JSON logs, every middleware), with limits high
 * enough that one load generator is never refused; and the baselines doing the same work, bare and
 * with the runtime's cross-cutting work (cc). All share one database and one Redis.
 */
export async function benchApps(services: ServiceUrls): Promise<{ apps: App[]; env: Record<string, string> }> {
  // ACCESS_MODE=open: the fixture's anonymous visitor creates the meeting the token requests name.
  const env = await runtimeEnv(services, {
    NODE_ENV: 'production',
    ACCESS_MODE: 'open',
    LOG_LEVEL: 'info',
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_TOKEN_MAX: '1000000',
  })
  const withPort = async (extra: Record<string, string> = {}) => ({ ...env, ...extra, PORT: String(await freePort()) })
  const app = (name: AppName, description: string, args: string[], extra?: Record<string, string>): App => ({
    name,
    description,
    start: async () => startServer({ args, env: await withPort(extra), readyPath: '/health/ready' }),
  })
  return {
    env,
    apps: [
      app('runtime', 'node runtime/main.ts, NODE_ENV=production, all functions, every middleware', ['runtime/main.ts']),
      app('h3', 'bare h3 v2 + srvx, the same work, no cross-cutting middleware', ['bench/baselines/h3-app.ts']),
      app('h3+cc', "bare h3 v2 + srvx, the same work, with the runtime's cross-cutting work", ['bench/baselines/h3-app.ts'], { CROSS_CUTTING: '1' }),
      app('express', 'Express 5, the same work, no cross-cutting middleware', ['bench/baselines/express-app.ts']),
      app('express+cc', "Express 5, the same work, with the runtime's cross-cutting work", ['bench/baselines/express-app.ts'], { CROSS_CUTTING: '1' }),
    ],
  }
}
