import { execFileSync } from 'node:child_process'
import { chmod, chown, mkdir, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (created if
 * missing). `dataDir` and the parents created for it become that user's; the parents that
 * already existed, and those of the binaries (a clone under /root, a mkdtemp 0700 dir), get
 * search permission for others (o+x), which lets the user pass through without listing them.
 */
export async function prepareForPostgresUser(dataDir: string, binDir: string): Promise<{ uid: number; gid: number }> {
  ensurePostgresUser()
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
  const target = resolve(dataDir)
  const firstCreated = await mkdir(target, { recursive: true })

  for (let dir = target; firstCreated && dir.startsWith(firstCreated); dir = dirname(dir)) {
    await chown(dir, uid, gid)
  }
  if ((await stat(target)).uid !== uid) execFileSync('chown', ['-R', `${uid}:${gid}`, target])
  await letOthersPassThrough(dirname(firstCreated ?? target), uid)
  await letOthersPassThrough(resolve(binDir), uid)
  return { uid, gid }
}

async function letOthersPassThrough(from: string, uid: number) {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode, uid: owner } = await stat(dir)
    if (owner !== uid && (mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001)
  }
}

function ensurePostgresUser() {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' })
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'])
  }
}
