import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { httpAnswers } from '../probes.ts'
import { livekitBinary } from '../livekit.ts'
import { startServiceProcess, type ServiceProcessOptions } from '../process.ts'
import { livekitEnvironment, renderLocalLivekitConfig } from './livekit-config.ts'

export interface LocalLivekitOptions {
  root: string
  configDir: string
  port: number
  runtimeUrl: string
  redisUrl: string
  env: Record<string, string>
  onOutput: ServiceProcessOptions['onOutput']
}

/** livekit-server on 127.0.0.1 with the repository's livekit.yaml. */
export async function startLocalLivekit(options: LocalLivekitOptions) {
  const configFile = join(options.configDir, 'livekit.yaml')
  await mkdir(options.configDir, { recursive: true })
  await writeFile(configFile, renderLocalLivekitConfig(join(options.root, 'livekit.yaml'), options.runtimeUrl), { mode: 0o600 })
  const redis = new URL(options.redisUrl)
  const env = {
    ...process.env,
    ...livekitEnvironment({
      apiKey: options.env.LIVEKIT_API_KEY,
      apiSecret: options.env.LIVEKIT_API_SECRET,
      nodeIp: options.env.LIVEKIT_NODE_IP || '127.0.0.1',
      redisAddress: redis.host,
      domain: options.env.DOMAIN || 'localhost',
    }),
    LIVEKIT_PORT: String(options.port),
  }
  return startServiceProcess({
    name: 'livekit-server',
    command: livekitBinary(),
    args: ['--config', configFile, '--bind', '127.0.0.1'],
    env,
    ready: () => httpAnswers(`http://127.0.0.1:${options.port}/`, 'OK'),
    onOutput: options.onOutput,
  })
}
