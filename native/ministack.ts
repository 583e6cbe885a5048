import { join } from 'node:path'
import { cacheDir } from './cache-dir.ts'
import { startServiceProcess, type ServiceProcess, type ServiceProcessOptions } from './process.ts'
import { httpAnswers } from './probes.ts'

export interface MinistackOptions {
  port: number
  /** Buckets and objects persist here across restarts; in memory only when omitted. */
  dataDir?: string
  onOutput?: ServiceProcessOptions['onOutput']
}

export interface MinistackHandle {
  /** S3 endpoint for path-style clients (`forcePathStyle: true`), any credentials. */
  endpoint: string
  stop: () => Promise<void>
  /** Resolves when the process ends. */
  exited: ServiceProcess['exited']
}

/** The MiniStack CLI from its venv in the cache dir (MINISTACK_BIN overrides). */
function ministackBinary(): string {
  return process.env.MINISTACK_BIN ?? join(cacheDir(), 'ministack', 'bin', 'ministack')
}

/** MiniStack with only its S3 service, on 127.0.0.1; it is configured through environment variables. */
export async function startMinistack(options: MinistackOptions): Promise<MinistackHandle> {
  const endpoint = `http://127.0.0.1:${options.port}`
  const persistence = options.dataDir
    ? { S3_PERSIST: '1', S3_DATA_DIR: join(options.dataDir, 's3'), PERSIST_STATE: '1', STATE_DIR: join(options.dataDir, 'state') }
    : {}
  const { stop, exited } = await startServiceProcess({
    name: 'ministack',
    command: ministackBinary(),
    args: [],
    env: { ...process.env, GATEWAY_PORT: String(options.port), BIND_HOST: '127.0.0.1', SERVICES: 's3', ...persistence },
    ready: () => httpAnswers(`${endpoint}/_ministack/health`, '"s3"'),
    onOutput: options.onOutput,
  })
  return { endpoint, stop, exited }
}
