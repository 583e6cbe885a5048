import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'

export interface RunningSite {
  url: string
  pid: number
  output(): string
  stop(): Promise<void>
}

export const root = new URL('../../../../', import.meta.url).pathname

/**
 * What the site shares with the runtime's environment: where browsers reach LiveKit and the recordings
 * (its Content-Security-Policy allows them), with the runtime's own defaults.
 */
const publicOriginsEnv = (runtimeEnv: Record<string, string>) => ({
  LIVEKIT_PUBLIC_URL: runtimeEnv.LIVEKIT_PUBLIC_URL ?? runtimeEnv.LIVEKIT_URL,
  S3_PUBLIC_ENDPOINT: runtimeEnv.S3_PUBLIC_ENDPOINT ?? runtimeEnv.S3_ENDPOINT,
})

/**
 * The built standalone server (`node site/dist/server/entry.mjs`) in front of a runtime: given the
 * running runtime, the site gets its public LiveKit and download origins too, as compose.yaml does.
 * It answers at its own URL (PUBLIC_URL) unless `env.PUBLIC_URL` says otherwise.
 */
export async function startSite(runtime: string | { url: string; env: Record<string, string> }, port: number, env: Record<string, string> = {}): Promise<RunningSite> {
  const upstream = typeof runtime === 'string' ? { RUNTIME_URL: runtime } : { RUNTIME_URL: runtime.url, ...publicOriginsEnv(runtime.env) }
  const child = spawn(process.execPath, ['site/dist/server/entry.mjs'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...upstream, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`site exited before listening:\n${output}`)
    if (await fetch(`${url}/favicon.svg`).then((r) => r.ok, () => false)) return { url, pid: child.pid!, output: () => output, stop }
    await sleep(100)
  }
  await stop()
  throw new Error(`site did not listen on ${url}:\n${output}`)
}
