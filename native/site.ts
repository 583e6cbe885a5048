import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { startServiceProcess, type ServiceProcessOptions } from './process.ts'

// The Astro site's standalone server (`node site/dist/server/entry.mjs`) as a process of its own,
// and its build: for the launcher, the tests, the benchmarks and the page-weight script.

export const root = new URL('../', import.meta.url).pathname

/** For the launcher: the built site (built first when a fresh clone has no site/dist yet). */
export function startSiteProcess(env: NodeJS.ProcessEnv, port: number, onOutput: ServiceProcessOptions['onOutput']) {
  if (!existsSync('site/dist/server/entry.mjs')) {
    execFileSync('npm', ['run', 'build', '-w', 'site'], { stdio: ['ignore', 'inherit', 'inherit'] })
  }
  return startServiceProcess({
    name: 'site',
    command: process.execPath,
    args: ['site/dist/server/entry.mjs'],
    env,
    ready: async () => (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) })).status < 500,
    onOutput,
  })
}

export interface RunningSite {
  url: string
  pid: number
  output(): string
  stop(): Promise<void>
}

/**
 * What the site shares with the runtime's environment: where browsers reach LiveKit and the recordings
 * (its Content-Security-Policy allows them), with the runtime's own defaults.
 */
const publicOriginsEnv = (runtimeEnv: Record<string, string>) => ({
  LIVEKIT_PUBLIC_URL: runtimeEnv.LIVEKIT_PUBLIC_URL ?? runtimeEnv.LIVEKIT_URL,
  S3_PUBLIC_ENDPOINT: runtimeEnv.S3_PUBLIC_ENDPOINT ?? runtimeEnv.S3_ENDPOINT,
})

/**
 * The built server in front of a runtime: given the running runtime, the site gets its public
 * LiveKit and download origins too, as compose.yaml does. It answers at its own URL (PUBLIC_URL)
 * unless `env.PUBLIC_URL` says otherwise.
 */
export async function startSite(
  runtime: string | { url: string; env: Record<string, string> },
  port: number,
  env: Record<string, string> = {},
): Promise<RunningSite> {
  const upstream = typeof runtime === 'string' ? { RUNTIME_URL: runtime } : { RUNTIME_URL: runtime.url, ...publicOriginsEnv(runtime.env) }
  const url = `http://127.0.0.1:${port}`
  const lines: string[] = []
  const { child, stop } = await startServiceProcess({
    name: 'site',
    command: process.execPath,
    args: ['site/dist/server/entry.mjs'],
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url, ...upstream, ...env },
    ready: async () => (await fetch(`${url}/favicon.svg`)).ok,
    readyTimeoutMs: 20_000,
    onOutput: (line) => lines.push(line),
  })
  return { url, pid: child.pid!, output: () => lines.join('\n'), stop }
}

/** `npm run build -w site`, as a developer or the Dockerfile runs it. */
export async function buildSite() {
  const child = spawn('npm', ['run', 'build', '-w', 'site'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const [code] = await once(child, 'exit')
  if (code !== 0) throw new Error(`site build failed (${code}):\n${output}`)
}

/**
 * Builds the site unless site/dist is newer than every source file. Test files run in parallel
 * workers: a lock directory (mkdir is atomic) lets one of them build while the others wait.
 */
export async function ensureSiteBuilt() {
  const lock = join(root, 'node_modules', '.cache', 'meet-site-build.lock')
  const deadline = Date.now() + 180_000
  await mkdir(dirname(lock), { recursive: true })
  while (
    !(await mkdir(lock).then(
      () => true,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`${lock} held for 3 minutes: remove it if no build is running`)
    await sleep(200)
  }
  try {
    if (await isStale()) await buildSite()
  } finally {
    await rmdir(lock)
  }
}

async function isStale() {
  const built = await stat(join(root, 'site/dist/server/entry.mjs')).then(
    (s) => s.mtimeMs,
    () => 0,
  )
  const sources = await readdir(join(root, 'site'), { recursive: true, withFileTypes: true })
  for (const entry of sources) {
    const path = join(entry.parentPath, entry.name)
    if (!entry.isFile() || /\/(dist|node_modules|\.astro)\//.test(path)) continue
    if ((await stat(path)).mtimeMs > built) return true
  }
  return false
}
