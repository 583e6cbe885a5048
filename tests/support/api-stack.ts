import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomInt } from 'node:crypto'
import { useServices } from './services.ts'
import { startRuntime, type RunningRuntime } from '../../native/runtime.ts'
import { ApiClient } from '../../native/api-client.ts'
import { startLivekit, type LivekitHandle } from '../../native/livekit.ts'
import { freePort } from '../../native/free-port.ts'

export interface ApiStack {
  runtime: RunningRuntime
  livekit: LivekitHandle
  client(): ApiClient
  stop(): Promise<void>
}

/** A LiveKit server of its own whose webhooks reach this runtime, as livekit.yaml sets it up. */
export async function startApiStack(overrides: Record<string, string | undefined> = {}, { redis = false } = {}): Promise<ApiStack> {
  const services = useServices()
  const port = await freePort()
  // Separate UDP ranges keep parallel test files' servers out of each other's way.
  const udpStart = 40000 + randomInt(0, 200) * 100
  const livekit = await startLivekit({
    port: await freePort(),
    keys: { key: services.livekitKey, secret: services.livekitSecret },
    webhookUrls: [`http://127.0.0.1:${port}/webhooks/livekit`],
    udpPortRange: { start: udpStart, end: udpStart + 99 },
    configDir: await mkdtemp(join(tmpdir(), 'meet-livekit-')),
    // With Redis, as in compose.yaml: what Egress needs to find LiveKit.
    ...(redis ? { redisUrl: services.redisUrl } : {}),
  })
  const runtime = await startRuntime(services, { PORT: String(port), LIVEKIT_URL: livekit.httpUrl, ...overrides }).catch(async (error) => {
    await livekit.stop()
    throw error
  })
  return {
    runtime,
    livekit,
    client: () => new ApiClient(runtime.url),
    async stop() {
      await runtime.stop()
      await livekit.stop()
    },
  }
}
