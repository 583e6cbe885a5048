import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv, promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { composeConfig } from '../stack/support/compose-cli.ts'
import { startMetadataServer, type MetadataServer } from './support/metadata-server.ts'
import { startS3Server } from './support/s3-server.ts'
import { extract, runScript, scratchDir } from './support/scripts.ts'
import { synthWith } from './support/synth.ts'
import { decodeUserData } from './support/user-data.ts'

// The Redis password and LiveKit keys are made on the primary at its first start and never pass
// through Terraform: the primary stores them in the deployment's bucket (cluster/secrets.env) with
// the S3 key every instance already holds, and media nodes and recorders read them at boot.
const credentials = {
  accessKey: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
  secretKey: 'Zm9vYmFyc2VjcmV0a2V5dmFsdWUxMjM0NTY3ODkw=',
  region: 'eu-frankfurt-1',
  bucket: 'meet-recordings',
}
const { tf } = synthWith({ MEDIA_NODES: '1', RECORDERS: '1' })
const userData = (name: string) => decodeUserData(tf.resource.oci_core_instance[name].metadata.user_data).config
const clusterEnvOf = (name: string) => tf.resource.oci_core_instance[name].metadata.meet_cluster_env as string

let s3: Awaited<ReturnType<typeof startS3Server>>
const metadata: Record<string, MetadataServer> = {}
beforeAll(async () => {
  s3 = await startS3Server(credentials)
  const shared = { meet_s3_endpoint: s3.endpoint, meet_s3_access_key: credentials.accessKey, meet_s3_secret_key: credentials.secretKey }
  metadata.server = await startMetadataServer({ ...shared, meet_cluster_env: clusterEnvOf('server') }, '198.51.100.23')
  // Terraform fills in the primary's private address.
  for (const node of ['media_node_0', 'recorder_0'])
    metadata[node] = await startMetadataServer(
      { ...shared, meet_cluster_env: clusterEnvOf(node).replace('${oci_core_instance.server.private_ip}', '10.0.1.23') },
      '198.51.100.50',
    )
  metadata.lone = await startMetadataServer(shared, '198.51.100.60')
})
afterAll(async () => {
  await s3.close()
  await Promise.all(Object.values(metadata).map((server) => server.close()))
})

// meet-env and meet-s3 as cloud-init installs them on the named instance, in a scratch directory.
function machine(name: string, imds = name, privateIp = '10.0.1.23') {
  const dir = scratchDir()
  const etc = join(dir, 'etc-meet')
  mkdirSync(etc)
  const config = userData(name)
  extract(config, '/etc/meet/deploy.env', etc)
  const script = extract(config, '/usr/local/sbin/meet-env', dir)
  const s3Script = extract(config, '/usr/local/sbin/meet-s3', dir)
  const envFile = join(dir, '.env')
  const run = (extra: Record<string, string> = {}) =>
    runScript(script, {
      MEET_ETC_DIR: etc,
      MEET_ENV_FILE: envFile,
      MEET_IMDS_URL: `${metadata[imds].url}/opc/v2`,
      MEET_PUBLIC_IP_URLS: `${metadata[imds].url}/ip`,
      MEET_PRIVATE_IP: privateIp,
      MEET_S3: s3Script,
      MEET_SHARED_RETRY_SECONDS: '0.2',
      ...extra,
    })
  return { etc, run, read: () => parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>, s3Script }
}

describe('shared secrets: from the primary to media nodes and recorders through the bucket', () => {
  test('a node waits for the primary, then gets the same Redis password and LiveKit keys (and not the database password)', async () => {
    s3.objects.clear()
    const node = machine('media_node_0', 'media_node_0', '10.0.2.10')
    const early = node.run({ MEET_SHARED_ATTEMPTS: '100' })
    const primary = machine('server')
    await primary.run()
    await early
    const [p, n] = [primary.read(), node.read()]
    expect(p.REDIS_PASSWORD).toMatch(/^[0-9a-f]{48}$/)
    expect({ REDIS_PASSWORD: n.REDIS_PASSWORD, LIVEKIT_API_KEY: n.LIVEKIT_API_KEY, LIVEKIT_API_SECRET: n.LIVEKIT_API_SECRET }).toEqual({
      REDIS_PASSWORD: p.REDIS_PASSWORD,
      LIVEKIT_API_KEY: p.LIVEKIT_API_KEY,
      LIVEKIT_API_SECRET: p.LIVEKIT_API_SECRET,
    })
    expect(n.POSTGRES_PASSWORD).toBe('not-used-on-this-node')
    expect(n.GRAFANA_ADMIN_PASSWORD).toBeUndefined()
    expect(s3.objects.get('cluster/secrets.env')!.toString()).not.toContain(p.POSTGRES_PASSWORD)
    expect(n).toMatchObject({
      MEET_PRIMARY_IP: '10.0.1.23',
      PRIVATE_IP: '10.0.2.10',
      COMPOSE_PROFILES: 'media',
      COMPOSE_FILE: 'compose.yaml:compose.node.yaml',
    })
    expect(p).toMatchObject({
      MEET_CLUSTER: '1',
      COMPOSE_FILE: 'compose.yaml:compose.primary.yaml',
      LIVEKIT_UPSTREAM: 'livekit:7880 10.0.2.10:7880',
      PRIVATE_IP: '10.0.1.23',
    })
    expect(s3.rejected).toEqual([])
  })

  test('Compose on each instance wires the same password: Redis requires it and listens on the private address; LiveKit and Egress on the nodes use it', async () => {
    s3.objects.clear()
    const primary = machine('server')
    await primary.run()
    const media = machine('media_node_0', 'media_node_0', '10.0.2.10')
    const recorder = machine('recorder_0', 'recorder_0', '10.0.2.30')
    await Promise.all([media.run(), recorder.run()])
    const password = primary.read().REDIS_PASSWORD
    const files = (env: Record<string, string>) => env.COMPOSE_FILE.split(':')

    const onPrimary = composeConfig(primary.read(), ['production'], files(primary.read()))
    expect(onPrimary.status, onPrimary.stderr).toBe(0)
    const { redis, runtime, livekit, egress, caddy } = onPrimary.config.services
    expect(redis.command.slice(-2)).toEqual(['--requirepass', password])
    expect(redis.ports.map((port: { host_ip: string }) => port.host_ip)).toEqual(['127.0.0.1', '10.0.1.23'])
    expect(runtime.environment.REDIS_URL).toBe(`redis://:${password}@redis:6379`)
    expect(runtime.ports.map((port: { host_ip: string }) => port.host_ip)).toEqual(['127.0.0.1', '10.0.1.23'])
    expect([livekit.environment.REDIS_PASSWORD, egress.environment.REDIS_PASSWORD]).toEqual([password, password])
    expect(caddy.environment.LIVEKIT_UPSTREAM).toBe('livekit:7880 10.0.2.10:7880')

    const onMedia = composeConfig(media.read(), [], files(media.read()))
    expect(onMedia.status, onMedia.stderr).toBe(0)
    expect(Object.keys(onMedia.config.services)).toEqual(['livekit'])
    expect(onMedia.config.services.livekit.environment).toMatchObject({ REDIS_HOST: '10.0.1.23:6379', REDIS_PASSWORD: password })
    expect(onMedia.config.services.livekit.extra_hosts).toEqual(['runtime=10.0.1.23'])
    // Signalling on the private address for the primary's Caddy; media on every address.
    const published = onMedia.config.services.livekit.ports
      .filter((port: { target: number }) => port.target === 7880)
      .map((port: { host_ip: string }) => port.host_ip)
    expect(published).toEqual(['127.0.0.1', '10.0.2.10'])

    const onRecorder = composeConfig(recorder.read(), [], files(recorder.read()))
    expect(onRecorder.status, onRecorder.stderr).toBe(0)
    expect(Object.keys(onRecorder.config.services)).toEqual(['egress'])
    expect(onRecorder.config.services.egress.environment).toMatchObject({
      REDIS_ADDRESS: '10.0.1.23:6379',
      REDIS_PASSWORD: password,
      LIVEKIT_WS_URL: 'wss://meet.example.com',
    })
    expect(onRecorder.config.services.egress.ports ?? []).toEqual([])
  }, 60_000)

  test('a later start of a node keeps working from its copy when the bucket does not answer', async () => {
    s3.objects.clear()
    const primary = machine('server')
    await primary.run()
    const node = machine('recorder_0', 'recorder_0', '10.0.2.30')
    await node.run()
    s3.objects.clear()
    await node.run({ MEET_SHARED_ATTEMPTS: '2' })
    expect(node.read().REDIS_PASSWORD).toBe(primary.read().REDIS_PASSWORD)
  })

  test('a node whose primary never stored the secrets stops with a message instead of starting without a password', async () => {
    s3.objects.clear()
    const node = machine('media_node_0', 'media_node_0', '10.0.2.10')
    await expect(node.run({ MEET_SHARED_ATTEMPTS: '2' })).rejects.toThrow(/no shared secrets from the primary/)
  })

  test('a primary without media nodes or recorders stores nothing in the bucket', async () => {
    s3.objects.clear()
    const lone = machine('server', 'lone')
    await lone.run()
    expect(s3.objects.size).toBe(0)
    expect(lone.read().REDIS_PASSWORD).toMatch(/^[0-9a-f]{48}$/)
    expect(lone.read()).not.toHaveProperty('COMPOSE_FILE')
  })

  test('meet-s3 signs like the AWS SDK: the bucket refuses a request signed with another secret', async () => {
    const { s3Script } = machine('server')
    const file = join(scratchDir(), 'object')
    writeFileSync(file, 'hello\n')
    const env = { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: credentials.accessKey, S3_REGION: credentials.region, S3_BUCKET: credentials.bucket }
    await expect(runScriptWith(s3Script, ['put', 'probe/object', file], { ...env, S3_SECRET_KEY: credentials.secretKey })).resolves.toBeDefined()
    expect((await runScriptWith(s3Script, ['get', 'probe/object'], { ...env, S3_SECRET_KEY: credentials.secretKey })).stdout).toBe('hello\n')
    s3.rejected.length = 0
    await expect(runScriptWith(s3Script, ['get', 'probe/object'], { ...env, S3_SECRET_KEY: 'not-the-secret' })).rejects.toThrow()
    expect(s3.rejected).toEqual([`GET /${credentials.bucket}/probe/object`])
  })
})

function runScriptWith(script: string, args: string[], env: Record<string, string>) {
  return promisify(execFile)('bash', [script, ...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 60_000 })
}
