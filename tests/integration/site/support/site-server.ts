import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export interface RunningSite {
  url: string
  output(): string
  stop(): Promise<void>
}

const root = new URL('../../../../', import.meta.url).pathname

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
  const lock = join(root, 'site', '.build-lock')
  const deadline = Date.now() + 180_000
  while (!(await mkdir(lock).then(() => true, () => false))) {
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
  const built = await stat(join(root, 'site/dist/server/entry.mjs')).then((s) => s.mtimeMs, () => 0)
  const sources = await readdir(join(root, 'site'), { recursive: true, withFileTypes: true })
  for (const entry of sources) {
    const path = join(entry.parentPath, entry.name)
    if (!entry.isFile() || /\/(dist|node_modules|\.astro)\//.test(path)) continue
    if ((await stat(path)).mtimeMs > built) return true
  }
  return false
}

/** The built standalone server (`node site/dist/server/entry.mjs`) in front of a runtime. */
export async function startSite(runtimeUrl: string, port: number): Promise<RunningSite> {
  const child = spawn(process.execPath, ['site/dist/server/entry.mjs'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), RUNTIME_URL: runtimeUrl },
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
    if (await fetch(`${url}/favicon.svg`).then((r) => r.ok, () => false)) return { url, output: () => output, stop }
    await sleep(100)
  }
  await stop()
  throw new Error(`site did not listen on ${url}:\n${output}`)
}
