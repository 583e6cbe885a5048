import { mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startMetadataServer, type MetadataServer } from './support/metadata-server.ts'
import { extract, runScript, scratchDir } from './support/scripts.ts'
import { instanceOf, synthWith } from './support/synth.ts'
import { decodeUserData } from './support/user-data.ts'

// Every variable the Compose stack reads in production.
const stackVariables = [
  'DOMAIN',
  'ACME_EMAIL',
  'PUBLIC_IP',
  'LIVEKIT_NODE_IP',
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'POSTGRES_DB',
  'LIVEKIT_API_KEY',
  'LIVEKIT_API_SECRET',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY',
  'S3_SECRET_KEY',
  'S3_BUCKET',
  'S3_REGION',
  'S3_FORCE_PATH_STYLE',
  'S3_CREATE_BUCKET',
  'NODE_ENV',
  'COMPOSE_PROFILES',
  'IMAGE_REGISTRY',
  'IMAGE_TAG',
  'GRAFANA_ADMIN_PASSWORD',
  'STORAGE_BUDGET_GB',
  'REDIS_PASSWORD',
  'PRIVATE_IP',
  'LIVEKIT_LIMIT_NUM_TRACKS',
  'LIVEKIT_LIMIT_BYTES_PER_SEC',
  'LIVEKIT_NODE_SELECTOR_KIND',
  'LIVEKIT_NODE_SELECTOR_SORT_BY',
  'LIVEKIT_NODE_SELECTOR_SYSLOAD_LIMIT',
]

const instanceMetadata = {
  meet_s3_endpoint: 'https://tenancyns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com',
  meet_s3_access_key: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
  meet_s3_secret_key: 'Zm9vYmFyc2VjcmV0a2V5dmFsdWUxMjM0NTY3ODkw=',
}

const { config } = decodeUserData(instanceOf(synthWith().tf).metadata.user_data)
let server: MetadataServer
beforeAll(async () => (server = await startMetadataServer(instanceMetadata, '198.51.100.23')))
afterAll(() => server.close())

// meet-env as cloud-init installs it, with /etc/meet and /opt/meet in a scratch directory.
function machine() {
  const dir = scratchDir()
  const etc = join(dir, 'etc-meet')
  mkdirSync(etc)
  extract(config, '/etc/meet/deploy.env', etc)
  const script = extract(config, '/usr/local/sbin/meet-env', dir)
  const envFile = join(dir, '.env')
  const run = (ipPath = '/ip') =>
    runScript(script, {
      MEET_ETC_DIR: etc,
      MEET_ENV_FILE: envFile,
      MEET_IMDS_URL: `${server.url}/opc/v2`,
      MEET_PUBLIC_IP_URLS: `${server.url}${ipPath}`,
      MEET_PRIVATE_IP: '10.0.1.23',
    })
  return { etc, envFile, run, read: () => parseEnv(readFileSync(envFile, 'utf8')) }
}

describe('meet-env: the .env the stack starts with', () => {
  test('holds every variable the stack reads, from the deploy settings, the instance metadata and the public IP', async () => {
    const vm = machine()
    await vm.run()
    const env = vm.read()
    expect(Object.keys(env).sort()).toEqual([...stackVariables].sort())
    expect(env).toMatchObject({
      DOMAIN: 'meet.example.com',
      ACME_EMAIL: 'admin@example.com',
      PUBLIC_IP: '198.51.100.23',
      LIVEKIT_NODE_IP: '198.51.100.23',
      POSTGRES_DB: 'livekit_conference',
      S3_ENDPOINT: instanceMetadata.meet_s3_endpoint,
      S3_ACCESS_KEY: instanceMetadata.meet_s3_access_key,
      S3_SECRET_KEY: instanceMetadata.meet_s3_secret_key,
      S3_BUCKET: 'meet-recordings',
      S3_REGION: 'eu-frankfurt-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_CREATE_BUCKET: 'false',
      NODE_ENV: 'production',
      COMPOSE_PROFILES: 'production',
    })
    expect(env.POSTGRES_PASSWORD).toMatch(/^[0-9a-f]{48}$/)
    expect(env.LIVEKIT_API_SECRET).toMatch(/^[0-9a-f]{64}$/)
    expect(statSync(vm.envFile).mode & 0o777).toBe(0o600)
    expect(statSync(join(vm.etc, 'secrets.env')).mode & 0o777).toBe(0o600)
  })

  test('secrets are made once: a second run keeps them, so the database password still matches', async () => {
    const vm = machine()
    await vm.run()
    const first = vm.read()
    await vm.run()
    expect(vm.read()).toEqual(first)
  })

  test('at a reboot with no IP echo service answering, the last known public IP is kept', async () => {
    const vm = machine()
    await vm.run()
    await vm.run('/no-such-service')
    expect(vm.read()).toMatchObject({ PUBLIC_IP: '198.51.100.23', LIVEKIT_NODE_IP: '198.51.100.23' })
  })

  test('two machines get different secrets', async () => {
    const [a, b] = [machine(), machine()]
    await Promise.all([a.run(), b.run()])
    expect(a.read().LIVEKIT_API_SECRET).not.toBe(b.read().LIVEKIT_API_SECRET)
    expect(a.read().POSTGRES_PASSWORD).not.toBe(b.read().POSTGRES_PASSWORD)
  })
})
