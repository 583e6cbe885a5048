import { createServer, type Server } from 'node:http'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { livekitBinary } from '../../../native/livekit.ts'
import { startServiceProcess, type ServiceProcess } from '../../../native/process.ts'
import { httpAnswers } from '../../../native/probes.ts'
import { renderLocalLivekitConfig } from '../../../native/launch/livekit-config.ts'
import { eventually } from '../../support/eventually.ts'
import { useServices } from '../../support/services.ts'
import { readCompose, repoRoot } from '../../unit/stack/support/stack-files.ts'

const keys = { key: 'APIstacktest', secret: 'b'.repeat(64) }

// The livekit service's environment in compose.yaml, interpolated with this test's .env.
function composeLivekitEnvironment(env: Record<string, string>) {
  const fromCompose = readCompose().services.livekit.environment!
  // Innermost first, as Compose resolves nested defaults such as ${TURN_DOMAIN:-turn.${DOMAIN}}.
  const interpolate = (value: string): string => {
    const next = value.replace(/\$\{(\w+)(?::[-?]([^${}]*))?\}/g, (_, variable: string, fallback = '') => env[variable] ?? fallback)
    return next === value ? value : interpolate(next)
  }
  return Object.fromEntries(Object.entries(fromCompose).map(([name, value]) => [name, interpolate(value)]))
}

async function startWith(configFile: string, redisUrl: string) {
  const port = await freePort()
  const env = {
    ...process.env,
    ...composeLivekitEnvironment({ LIVEKIT_API_KEY: keys.key, LIVEKIT_API_SECRET: keys.secret, LIVEKIT_NODE_IP: '127.0.0.1', DOMAIN: 'localhost' }),
    // What differs from the container: Redis and the ports on this shared machine.
    REDIS_HOST: new URL(redisUrl).host,
    LIVEKIT_PORT: String(port),
    LIVEKIT_RTC_TCP_PORT: String(await freePort()),
    LIVEKIT_TURN_UDP_PORT: String(await freePort()),
    LIVEKIT_TURN_TLS_PORT: String(await freePort()),
  }
  const process_ = await startServiceProcess({
    name: 'livekit-server',
    command: livekitBinary(),
    args: ['--config', configFile, '--bind', '127.0.0.1'],
    env,
    ready: () => httpAnswers(`http://127.0.0.1:${port}/`, 'OK'),
  })
  return { process: process_, httpUrl: `http://127.0.0.1:${port}` }
}

describe('livekit.yaml starts the real livekit-server', () => {
  let server: ServiceProcess | undefined
  let webhookReceiver: Server | undefined
  afterAll(async () => {
    await server?.stop()
    webhookReceiver?.close()
  })

  test('as shipped, with the environment compose.yaml gives it: the keys from .env are accepted', async () => {
    const { process: livekit, httpUrl } = await startWith(join(repoRoot, 'livekit.yaml'), useServices().redisUrl)
    try {
      const rooms = new RoomServiceClient(httpUrl, keys.key, keys.secret)
      const room = await rooms.createRoom({ name: `stack-${Date.now()}` })
      expect((await rooms.listRooms([room.name])).map((r) => r.name)).toEqual([room.name])
      await expect(new RoomServiceClient(httpUrl, keys.key, 'c'.repeat(64)).listRooms()).rejects.toThrow()
    } finally {
      await livekit.stop()
    }
  })

  describe('with the webhook pointed at a runtime on 127.0.0.1 (npm start)', () => {
    const received: string[] = []
    beforeAll(async () => {
      const receiver = new WebhookReceiver(keys.key, keys.secret)
      const port = await freePort()
      webhookReceiver = createServer((request, response) => {
        let body = ''
        request.on('data', (chunk) => (body += chunk))
        request.on('end', async () => {
          const event = await receiver.receive(body, request.headers.authorization).catch(() => undefined)
          if (event?.event) received.push(event.event)
          response.end()
        })
      }).listen(port, '127.0.0.1')
      const dir = await mkdtemp(join(tmpdir(), 'meet-livekit-'))
      await writeFile(join(dir, 'livekit.yaml'), renderLocalLivekitConfig(join(repoRoot, 'livekit.yaml'), `http://127.0.0.1:${port}`))
      const started = await startWith(join(dir, 'livekit.yaml'), useServices().redisUrl)
      server = started.process
      await new RoomServiceClient(started.httpUrl, keys.key, keys.secret).createRoom({ name: `hook-${Date.now()}` })
    })

    test('signs webhooks with the API key the runtime verifies', async () => {
      expect(
        await eventually(
          async () => received,
          (events) => events.includes('room_started'),
        ),
      ).toContain('room_started')
    })
  })
})
