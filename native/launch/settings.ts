import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { fillEnv } from '../../scripts/secrets/fill-env.ts'

export interface LaunchSettings {
  /** .env with the process environment on top, as Compose reads them. */
  env: Record<string, string>
  dataDir: string
  ports: { site: number; runtime: number; s3: number; postgres: number; redis: number; livekit: number }
}

/** Reads `<root>/.env`, first writing it from .env.example with fresh secrets when missing. */
export function loadLaunchSettings(root: string, environment: NodeJS.ProcessEnv = process.env): LaunchSettings {
  const envFile = join(root, '.env')
  if (!existsSync(envFile)) {
    writeFileSync(envFile, fillEnv(readFileSync(join(root, '.env.example'), 'utf8')), { mode: 0o600 })
  }
  const fromFile = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>
  const defined = Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined)
  const env = { ...fromFile, ...Object.fromEntries(defined) }
  const port = (name: string, fallback: number) => Number(env[name] || fallback)
  return {
    env,
    dataDir: join(root, env.DATA_DIR || '.data'),
    ports: {
      site: port('SITE_PORT', 3000),
      runtime: port('RUNTIME_PORT', 3001),
      s3: port('S3_PORT', 4566),
      postgres: port('POSTGRES_PORT', 5432),
      redis: port('REDIS_PORT', 6379),
      livekit: port('LIVEKIT_PORT', 7880),
    },
  }
}
