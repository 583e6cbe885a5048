import { parseEnv } from 'node:util'
import { describe, expect, test } from 'vitest'
import { renderDeployEnv } from '../../../cdktf/cloud-init/deploy-env.ts'
import { fillEnv } from '../../../scripts/secrets/fill-env.ts'
import { inputsWith } from '../cdktf/support/inputs.ts'
import { composeConfig } from './support/compose-cli.ts'
import { readRepoFile } from './support/stack-files.ts'

// What a developer has after `npm run secrets`, and what meet-env writes on the instance.
const developerEnv = parseEnv(fillEnv(readRepoFile('.env.example'))) as Record<string, string>
const instanceEnv: Record<string, string> = {
  ...(parseEnv(renderDeployEnv(inputsWith())) as Record<string, string>),
  POSTGRES_PASSWORD: 'p4ss',
  LIVEKIT_API_KEY: 'APIkey',
  LIVEKIT_API_SECRET: 's3cret',
  S3_ENDPOINT: 'https://ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com',
  S3_ACCESS_KEY: 'key',
  S3_SECRET_KEY: 'secret',
  PUBLIC_IP: '198.51.100.23',
  LIVEKIT_NODE_IP: '198.51.100.23',
}

// Each `docker compose config` takes seconds on a busy machine.
describe('docker compose config (Compose v5 built from source) accepts compose.yaml', { timeout: 30_000 }, () => {
  test('with the .env `npm run secrets` writes, for every profile', () => {
    const { status, stderr, config } = composeConfig(developerEnv, ['production', 'localstack'])
    expect(stderr).not.toMatch(/error|invalid/i)
    expect(status).toBe(0)
    expect(Object.keys(config.services).sort()).toEqual(['caddy', 'egress', 'livekit', 'localstack', 'ministack', 'postgres', 'redis', 'runtime', 'site'])
    expect(config.services.runtime.environment.DATABASE_URL).toBe(`postgres://meet:${developerEnv.POSTGRES_PASSWORD}@postgres:5432/livekit_conference`)
    expect(config.services.livekit.environment.LIVEKIT_KEYS).toBe(`${developerEnv.LIVEKIT_API_KEY}: ${developerEnv.LIVEKIT_API_SECRET}`)
  })

  test('with the instance .env: Caddy runs, URLs follow DOMAIN, recordings go to Oracle, images are pulled', () => {
    const { status, stderr, config } = composeConfig(instanceEnv)
    expect(status, stderr).toBe(0)
    const runtime = config.services.runtime
    expect(config.services.caddy).toBeDefined()
    expect(runtime.environment).toMatchObject({
      NODE_ENV: 'production',
      PUBLIC_URL: `https://${instanceEnv.DOMAIN}`,
      LIVEKIT_PUBLIC_URL: `wss://${instanceEnv.DOMAIN}`,
      S3_ENDPOINT: instanceEnv.S3_ENDPOINT,
      S3_PUBLIC_ENDPOINT: instanceEnv.S3_ENDPOINT,
      S3_CREATE_BUCKET: 'false',
    })
    expect(runtime.image).toBe(`${instanceEnv.IMAGE_REGISTRY}/meet-runtime:${instanceEnv.IMAGE_TAG}`)
    expect(runtime.pull_policy).toBe('missing')
    expect(config.services.livekit.environment.NODE_IP).toBe('198.51.100.23')
  })

  test('the runtime container runs in production from the example .env; development only when CONTAINER_NODE_ENV asks', () => {
    expect(developerEnv.NODE_ENV).toBe('development') // for npm start, which must not leak into Compose
    const { runtime } = composeConfig(developerEnv).config.services
    expect(runtime.environment.NODE_ENV).toBe('production')
    expect(runtime.build.target).toBe('production')
    expect(composeConfig({ ...developerEnv, CONTAINER_NODE_ENV: 'development' }).config.services.runtime.environment.NODE_ENV).toBe('development')
  }, 60_000)

  test('the site gets the LiveKit and download origins the runtime gives browsers (its CSP allows exactly those)', () => {
    for (const env of [developerEnv, instanceEnv]) {
      const { config } = composeConfig(env, ['production'])
      const shared = (service: string) => {
        const { LIVEKIT_PUBLIC_URL, S3_PUBLIC_ENDPOINT } = config.services[service].environment
        return { LIVEKIT_PUBLIC_URL, S3_PUBLIC_ENDPOINT }
      }
      expect(shared('site').LIVEKIT_PUBLIC_URL).toMatch(/^wss?:\/\//)
      expect(shared('site')).toEqual(shared('runtime'))
    }
  })

  test('refuses to start without the secrets, naming the command that writes them', () => {
    const { POSTGRES_PASSWORD: _, ...withoutPassword } = developerEnv
    const { status, stderr } = composeConfig(withoutPassword)
    expect(status).not.toBe(0)
    expect(stderr).toContain('npm run secrets')
  })
})
