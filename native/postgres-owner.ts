import { execFileSync } from 'node:child_process'
import { chmod, chown, mkdir, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user
 * (created if missing). Make `dataDir`, and the parents created for it, owned by
 * that user, and let it pass through the parents that already existed (mkdtemp makes 0700
 * dirs): those get search permission for others (o+x), which does not let anyone list them.
 */
export async function prepareDataDirForPostgresUser(dataDir: string): Promise<{ uid: number; gid: number }> {
  ensurePostgresUser()
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
  const target = resolve(dataDir)
  const firstCreated = await mkdir(target, { recursive: true })

  for (let dir = target; firstCreated && dir.startsWith(firstCreated); dir = dirname(dir)) {
    await chown(dir, uid, gid)
  }
  if ((await stat(target)).uid !== uid) execFileSync('chown', ['-R', `${uid}:${gid}`, target])

  for (let dir = dirname(firstCreated ?? target); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode, uid: owner } = await stat(dir)
    if (owner !== uid && (mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001)
  }
  return { uid, gid }
}

function ensurePostgresUser() {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' })
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'])
  }
}
