import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomInt } from 'node:crypto'
import { Redis } from 'ioredis'
import { Room } from '@livekit/rtc-node'
import { RoomServiceClient } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startLivekit, type LivekitHandle } from '../../../native/livekit.ts'
import { freePort } from '../../../native/free-port.ts'
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { useServices } from '../../support/services.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { eventually } from '../../support/eventually.ts'
import { heardFrom, publishTone } from '../../support/media.ts'
import { startCaddy, type RunningCaddy } from '../site/support/caddy.ts'
import { setTimeout as sleep } from 'node:timers/promises'
import { request } from 'node:https'

// LiveKit's own multi-node mode, as media nodes run it in production: two livekit-server processes
// registered in one Redis, the runtime talking to one of them, webhooks from both.
let redis: OwnRedis
let redisClient: Redis
let runtime: RunningRuntime
const nodes: Record<'a' | 'b', LivekitHandle & { id: string; stopped?: boolean }> = {} as never
const keys = { key: useServices().livekitKey, secret: useServices().livekitSecret }

async function startNode(runtimePort: number) {
  const udpStart = 40000 + randomInt(0, 200) * 100
  let id = ''
  const handle = await startLivekit({
    port: await freePort(),
    keys,
    redisUrl: redis.url,
    webhookUrls: [`http://127.0.0.1:${runtimePort}/webhooks/livekit`],
    udpPortRange: { start: udpStart, end: udpStart + 99 },
    configDir: await mkdtemp(join(tmpdir(), 'meet-livekit-node-')),
    // Each node logs the id it registers under as it starts.
    onOutput: (line) => (id ||= /"nodeID": "(ND_\w+)"/.exec(line)?.[1] ?? ''),
  })
  if (!id) throw new Error('livekit-server did not log its node id')
  return { ...handle, id }
}

/** LiveKit's own record of which node hosts which room (pkg/routing/redisrouter.go). */
const roomNodes = async () => redisClient.hgetall('room_node_map')
const registeredNodes = async () => Object.keys(await redisClient.hgetall('nodes'))

beforeAll(async () => {
  redis = await startOwnRedis()
  redisClient = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true })
  // The outage test kills this Redis on purpose.
  redisClient.on('error', () => {})
  await redisClient.connect()
  const runtimePort = await freePort()
  ;[nodes.a, nodes.b] = await Promise.all([startNode(runtimePort), startNode(runtimePort)])
  runtime = await startRuntime(useServices(), { PORT: String(runtimePort), LIVEKIT_URL: nodes.a.httpUrl })
})

afterAll(async () => {
  await runtime?.stop()
  await Promise.all(Object.values(nodes).map((node) => node.stopped || node.stop()))
  redisClient?.disconnect()
  await redis?.stop()
})

describe('two LiveKit nodes sharing one Redis', () => {
  const host = () => hostClient
  let hostClient: ApiClient
  let placed: Record<'a' | 'b', string>

  test('both nodes register', async () => {
    hostClient = new ApiClient(runtime.url)
    expect((await eventually(registeredNodes, (ids) => ids.length === 2)).length).toBe(2)
  })

  test('rooms are spread: one room lands on each node', async () => {
    const rooms = new RoomServiceClient(nodes.a.httpUrl, keys.key, keys.secret)
    const [idA, idB] = [nodes.a.id, nodes.b.id]
    const byNode: Record<string, string> = {}
    // The default selector picks a random available node: create rooms until each node has one.
    for (let i = 0; i < 40 && Object.keys(byNode).length < 2; i++) {
      const roomName = `spread-${i}`
      expect((await host().post('/meetings', { roomName })).status).toBe(201)
      await rooms.createRoom({ name: roomName, emptyTimeout: 120 })
      const node = (await roomNodes())[roomName]
      byNode[node] ??= roomName
    }
    placed = { a: byNode[idA], b: byNode[idB] }
    expect(placed.a).toBeDefined()
    expect(placed.b).toBeDefined()
  })

  test.each(['a', 'b'] as const)('participants signalling through different nodes meet in the room on node %s and hear each other', async (node) => {
    const roomName = placed[node]
    const guest = new ApiClient(runtime.url)
    const [{ body: hostToken }, { body: guestToken }] = await Promise.all([
      host().post('/token', { roomName, participantName: 'Hana' }),
      guest.post('/token', { roomName, participantName: 'Gil' }),
    ])
    const viaA = new Room()
    const viaB = new Room()
    await viaA.connect(nodes.a.url, hostToken.participantToken, { autoSubscribe: true, dynacast: false })
    await viaB.connect(nodes.b.url, guestToken.participantToken, { autoSubscribe: true, dynacast: false })
    try {
      const tones = await Promise.all([publishTone(viaA), publishTone(viaB)])
      await Promise.all([heardFrom(viaB, hostToken.identity), heardFrom(viaA, guestToken.identity)])
      tones.forEach((tone) => tone.stop())

      // Webhooks came from whichever node hosts the room: the runtime's live list has both.
      const live = await eventually(
        () => host().get(`/meetings/${roomName}/participants`),
        (r) => r.body?.live?.length === 2,
      )
      expect(live.body.live.map((p: { name: string }) => p.name).sort()).toEqual(['Gil', 'Hana'])

      // End for all goes to node a's API; the room lives wherever it was placed.
      expect((await host().post(`/meetings/${roomName}/end`, {})).status).toBe(200)
      await eventually(roomNodes, (map) => !(roomName in map))
      await eventually(
        async () => [viaA.isConnected, viaB.isConnected],
        (connected) => connected.every((c) => !c),
      )
    } finally {
      await Promise.all([viaA.disconnect(), viaB.disconnect()])
    }
  })

  test('Caddy in front of both nodes keeps handing signalling to them through a 10-second Redis outage', async () => {
    const site = await freePort()
    const caddy = await startCaddy(await freePort(), {
      runtime: new URL(runtime.url).host,
      livekit: `${new URL(nodes.a.httpUrl).host} ${new URL(nodes.b.httpUrl).host}`,
      site: `127.0.0.1:${site}`,
    })
    await host().post('/meetings', { roomName: 'behind-caddy' })
    const { body: token } = await host().post('/token', { roomName: 'behind-caddy', participantName: 'Hana' })
    const validate = () => caddyGet(caddy, `/rtc/validate?access_token=${token.participantToken}`)
    try {
      expect((await validate()).status).toBe(200)
      await redis.kill()
      const during: { status: number; body: string }[] = []
      const until = Date.now() + 10_000
      while (Date.now() < until) {
        during.push(await validate())
        await sleep(250)
      }
      await redis.restart()
      // Caddy answers 502/503 itself only when it has no upstream left to try.
      expect(during.length).toBeGreaterThan(5)
      expect(during.filter((answer) => answer.body === '' && answer.status >= 502)).toEqual([])
      expect((await eventually(validate, (answer) => answer.status === 200)).status).toBe(200)
    } finally {
      await caddy.stop()
    }
  })

  test('with node b stopped, new rooms go to node a', async () => {
    const [idA, idB] = [nodes.a.id, nodes.b.id]
    await nodes.b.stop()
    nodes.b.stopped = true
    await eventually(registeredNodes, (ids) => !ids.includes(idB))
    const rooms = new RoomServiceClient(nodes.a.httpUrl, keys.key, keys.secret)
    for (let i = 0; i < 6; i++) {
      const roomName = `after-${i}`
      await host().post('/meetings', { roomName })
      // After the Redis outage above, node a counts as available again with its next stats report.
      await eventually(
        () =>
          rooms.createRoom({ name: roomName, emptyTimeout: 60 }).then(
            () => true,
            () => false,
          ),
        (created) => created,
      )
      expect((await roomNodes())[roomName]).toBe(idA)
    }
  })
})

/** A GET through Caddy's HTTPS port for `localhost`, accepting its internal CA. */
function caddyGet(caddy: RunningCaddy, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: caddy.httpsPort, path, servername: 'localhost', headers: { host: 'localhost' }, rejectUnauthorized: false },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}
