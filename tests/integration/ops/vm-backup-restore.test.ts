import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { postgresClientDir } from '../../../scripts/backup/pg-tools.ts'
import { listBackups } from '../../../runtime/backup/store.ts'
import { useServices } from '../../support/services.ts'
import { runtimeEnv } from '../../../native/runtime.ts'
import { query } from '../../support/db.ts'
import { databasesLike, ensureBucket, node, run, snapshot } from './support/backups.ts'

const repoRoot = resolve(import.meta.dirname, '../../..')
const files = join(repoRoot, 'cdktf/cloud-init/files')

// meet-backup and meet-restore as the VM runs them, with `docker compose exec` played by a
// stand-in (support/fake-compose.sh) that runs the same commands against real PostgreSQL 18
// and MiniStack: what is tested is the scripts' own logic, not Docker.
describe('meet-backup and meet-restore (the VM scripts)', () => {
  let env: Record<string, string>
  let scriptEnv: Record<string, string>
  let seeded: Record<string, string[]>
  const scratch = mkdtempSync(join(tmpdir(), 'meet-vm-backup-'))
  const dbName = () => new URL(env.DATABASE_URL).pathname.slice(1)
  const composeLog = () => readFileSync(scriptEnv.FAKE_COMPOSE_LOG, 'utf8')

  beforeAll(async () => {
    env = await runtimeEnv(useServices())
    await ensureBucket(env)
    expect((await node('scripts/seed.ts', [], env)).code).toBe(0)
    seeded = await snapshot(env.DATABASE_URL)
    const url = new URL(env.DATABASE_URL)
    scriptEnv = {
      ...env,
      MEET_COMPOSE: join(import.meta.dirname, 'support/fake-compose.sh'),
      FAKE_COMPOSE_LOG: join(scratch, 'compose.log'),
      PG_BIN_DIR: postgresClientDir(),
      REPO_ROOT: repoRoot,
      TMPDIR: scratch,
      PGHOST: url.hostname,
      PGPORT: url.port,
      PGPASSWORD: decodeURIComponent(url.password),
      POSTGRES_USER: decodeURIComponent(url.username),
      POSTGRES_DB: dbName(),
    }
    writeFileSync(scriptEnv.FAKE_COMPOSE_LOG, '')
  })

  test('meet-backup uploads a dump under backups/; meet-restore latest puts every row back', async () => {
    const backup = await run('bash', [join(files, 'meet-backup.sh')], scriptEnv)
    expect(backup.code).toBe(0)
    expect(backup.stderr).toMatch(/\[meet-backup\] uploaded backups\/meet-[\dT-]+Z\.dump \(\d+ bytes\)/)
    expect(await listBackups(await ensureBucket(env))).toHaveLength(1)

    await query(env.DATABASE_URL, 'delete from participants')
    await query(env.DATABASE_URL, 'delete from recordings')
    const restore = await run('bash', [join(files, 'meet-restore.sh'), 'latest'], scriptEnv)
    expect(restore.stderr).toContain('[meet-restore] restored latest')
    expect(restore.code).toBe(0)
    expect(await snapshot(env.DATABASE_URL)).toEqual(seeded)
    // The runtime was stopped for the swap (the last psql) and started again after it.
    const calls = composeLog().split('\n')
    expect(calls.indexOf('stop runtime')).toBeGreaterThan(calls.findLastIndex((c) => c.startsWith('exec -T postgres pg_restore')))
    expect(calls.indexOf('start runtime')).toBe(calls.indexOf('stop runtime') + 2)
    expect(await databasesLike(env.DATABASE_URL, `${dbName()}_before_`)).toHaveLength(1)
  })

  test.each([
    ['corrupt', (bytes: Buffer) => randomBytes(bytes.length)],
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.6))],
  ])('meet-restore refuses a %s file and leaves the database and the runtime alone', async (kind, damage) => {
    const whole = join(scratch, 'whole.dump')
    expect((await node('scripts/backup.ts', ['--file', whole], env)).code).toBe(0)
    const damaged = join(scratch, `${kind}.dump`)
    writeFileSync(damaged, damage(readFileSync(whole)))
    writeFileSync(scriptEnv.FAKE_COMPOSE_LOG, '')
    const restore = await run('bash', [join(files, 'meet-restore.sh'), damaged], scriptEnv)
    expect(restore.code).toBe(1)
    expect(restore.stderr).toMatch(
      new RegExp(
        `\\[meet-restore\\] Refused: ${damaged} (is not a readable pg_dump custom-format archive|did not restore completely).*The database was not touched\\.`,
      ),
    )
    expect(await snapshot(env.DATABASE_URL)).toEqual(seeded)
    expect(await databasesLike(env.DATABASE_URL, `${dbName()}_restore_`)).toEqual([])
    expect(composeLog()).not.toContain('stop runtime')
  })
})
