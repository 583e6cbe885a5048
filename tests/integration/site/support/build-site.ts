import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { root } from './site-server.ts'

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
