import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { RoomServiceClient } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { livekitBinary } from '../../../native/livekit.ts'
import { startServiceProcess, type ServiceProcess } from '../../../native/process.ts'
import { httpAnswers, tcpAnswers } from '../../../native/probes.ts'
import { composeConfig } from '../../unit/stack/support/compose-cli.ts'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'

// The services as Compose configures them on the primary and on a media node of an Oracle
// deployment (compose.primary.yaml, compose.node.yaml, the .env meet-env writes), run for real:
// Redis with the primary's command line, LiveKit with the node's environment.
const password = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcdef00'
const keys = { key: 'APInodetest', secret: 'd'.repeat(64) }
const common = {
  DOMAIN: 'meet.example.com',
  ACME_EMAIL: 'admin@example.com',
  POSTGRES_PASSWORD: 'p4ss',
  LIVEKIT_API_KEY: keys.key,
  LIVEKIT_API_SECRET: keys.secret,
  REDIS_PASSWORD: password,
  LIVEKIT_NODE_IP: '127.0.0.1',
  // CDKTF's defaults for a 2-OCPU media node.
  LIVEKIT_LIMIT_NUM_TRACKS: '0',
  LIVEKIT_LIMIT_BYTES_PER_SEC: '175000000',
  LIVEKIT_NODE_SELECTOR_KIND: 'sysload',
  LIVEKIT_NODE_SELECTOR_SORT_BY: 'sysload',
  LIVEKIT_NODE_SELECTOR_SYSLOAD_LIMIT: '0.7',
}
const primary = composeConfig(
  { ...common, COMPOSE_PROFILES: 'production', PRIVATE_IP: '10.0.1.23', LIVEKIT_UPSTREAM: 'livekit:7880 10.0.2.10:7880' },
  ['production'],
  ['compose.yaml', 'compose.primary.yaml'],
)
const media = composeConfig({ ...common, MEET_PRIMARY_IP: '10.0.1.23', PRIVATE_IP: '10.0.2.10' }, ['media'], ['compose.yaml', 'compose.node.yaml'])

let redis: ServiceProcess
let redisPort: number
let dataDir: string
beforeAll(async () => {
  expect(primary.status, primary.stderr).toBe(0)
  expect(media.status, media.stderr).toBe(0)
  redisPort = await freePort()
  dataDir = await mkdtemp(join(tmpdir(), 'meet-redis-primary-'))
  const [command, ...args] = primary.config.services.redis.command as string[]
  redis = await startServiceProcess({
    name: command,
    command,
    args: [...args, '--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dataDir, '--save', ''],
    ready: () => tcpAnswers(redisPort, `AUTH ${password}\r\nPING\r\n`, '+PONG'),
  })
})
afterAll(async () => {
  await redis?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

// livekit-server with the repository's livekit.yaml and the media node's Compose environment;
// only the address of Redis and the ports differ on this shared machine.
async function startMediaNode(overrides: Record<string, string> = {}) {
  const port = await freePort()
  const env = {
    PATH: process.env.PATH,
    ...(media.config.services.livekit.environment as Record<string, string>),
    REDIS_HOST: `127.0.0.1:${redisPort}`,
    LIVEKIT_PORT: String(port),
    LIVEKIT_RTC_TCP_PORT: String(await freePort()),
    LIVEKIT_TURN_UDP_PORT: String(await freePort()),
    LIVEKIT_TURN_TLS_PORT: String(await freePort()),
    ...overrides,
  }
  const livekit = await startServiceProcess({
    name: 'livekit-server',
    command: livekitBinary(),
    args: ['--config', join(repoRoot, 'livekit.yaml'), '--bind', '127.0.0.1'],
    env,
    ready: () => httpAnswers(`http://127.0.0.1:${port}/`, 'OK'),
    readyTimeoutMs: 20_000,
  })
  return { livekit, httpUrl: `http://127.0.0.1:${port}` }
}

describe("a media node on the primary's password-protected Redis, as Compose configures both", () => {
  test('Redis refuses clients without the password', async () => {
    expect(await tcpAnswers(redisPort, 'HGETALL nodes\r\n', '-NOAUTH Authentication required')).toBe(true)
    expect(await tcpAnswers(redisPort, 'AUTH not-the-password\r\n', '-WRONGPASS')).toBe(true)
  })

  test('the node registers in Redis with its password and serves rooms there, its limits and selector accepted', async () => {
    const { livekit, httpUrl } = await startMediaNode()
    const client = new Redis({ port: redisPort, host: '127.0.0.1', password })
    try {
      expect(Object.keys(await client.hgetall('nodes'))).toHaveLength(1)
      const rooms = new RoomServiceClient(httpUrl, keys.key, keys.secret)
      const room = await rooms.createRoom({ name: `on-the-node-${Date.now()}` })
      // The room lives in the shared Redis, where every other node (and the primary) sees it.
      expect(Object.keys(await client.hgetall('rooms'))).toContain(room.name)
    } finally {
      await livekit.stop()
      client.disconnect()
    }
  })

  test('with a wrong password the node does not start', async () => {
    await expect(startMediaNode({ REDIS_PASSWORD: 'not-the-password' })).rejects.toThrow()
  })
})
