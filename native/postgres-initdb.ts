import { execFile } from 'node:child_process'
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

export interface InitdbOptions {
  initdb: string
  dataDir: string
  user: string
  password: string
  runAs?: { uid: number; gid: number }
}

/** Creates a cluster whose superuser logs in with a password (scram-sha-256), UTF-8, C collation. */
export async function initdb({ initdb, dataDir, user, password, runAs }: InitdbOptions): Promise<void> {
  const passwordDir = await mkdtemp(join(tmpdir(), 'meet-initdb-'))
  const passwordFile = join(passwordDir, 'password')
  try {
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 })
    if (runAs) await chown(passwordDir, runAs.uid, runAs.gid)
    if (runAs) await chown(passwordFile, runAs.uid, runAs.gid)
    await promisify(execFile)(
      initdb,
      [`--pgdata=${dataDir}`, `--username=${user}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale'],
      { ...runAs, cwd: dataDir },
    ).catch((error: { stderr?: string }) => {
      throw new Error(`initdb failed for ${dataDir}:\n${error.stderr ?? error}`)
    })
  } finally {
    await rm(passwordDir, { recursive: true, force: true })
  }
}
