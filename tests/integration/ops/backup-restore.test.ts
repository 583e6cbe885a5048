import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { listBackups } from '../../../runtime/backup/store.ts'
import { useServices } from '../../support/services.ts'
import { runtimeEnv } from '../../../native/runtime.ts'
import { query } from '../../support/db.ts'
import { databasesLike, dropDatabase, ensureBucket, node, snapshot } from './support/backups.ts'

// npm run backup / npm run restore, on real PostgreSQL 18 and MiniStack.
describe('backup and restore (native)', () => {
  let env: Record<string, string>
  let seeded: Record<string, string[]>
  const scratch = mkdtempSync(join(tmpdir(), 'meet-backup-test-'))
  const dbName = () => new URL(env.DATABASE_URL).pathname.slice(1)

  beforeAll(async () => {
    env = await runtimeEnv(useServices())
    await ensureBucket(env)
    expect((await node('scripts/seed.ts', [], env)).code).toBe(0)
    await query(
      env.DATABASE_URL,
      `insert into audit_log (actor_identity, action, target, details) values ('u_demo_host', 'recording.start', 'demo-retro', '{"note": "ünïcode ✓"}')`,
    )
    seeded = await snapshot(env.DATABASE_URL)
  })

  test('backs up to the bucket, and a dropped database comes back row for row', async () => {
    const backup = await node('scripts/backup.ts', [], env)
    expect(backup.stderr).toBe('')
    expect(backup.stdout).toMatch(/^Backup uploaded: backups\/meet-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.dump \(\d+ bytes\)/)
    expect(seeded.meetings).toHaveLength(2)
    expect(seeded.participants).toHaveLength(4)
    expect(seeded.recordings).toHaveLength(1)

    await dropDatabase(env.DATABASE_URL)
    const restore = await node('scripts/restore.ts', ['latest'], env)
    expect(restore.stderr).toBe('')
    expect(restore.stdout).toContain(`Restored backups/meet-`)
    expect(await snapshot(env.DATABASE_URL)).toEqual(seeded)
  })

  test('restoring over a live database swaps it in whole and keeps the old one aside', async () => {
    const [latest] = await listBackups(await ensureBucket(env))
    await query(env.DATABASE_URL, `delete from meetings where room_name = 'demo-retro'`)
    const restore = await node('scripts/restore.ts', [latest.key.replace('backups/', '')], env)
    expect(restore.code).toBe(0)
    expect(await snapshot(env.DATABASE_URL)).toEqual(seeded)
    const [previous] = await databasesLike(env.DATABASE_URL, `${dbName()}_before_`)
    expect(restore.stdout).toContain(`kept as ${previous}`)
    expect(await databasesLike(env.DATABASE_URL, `${dbName()}_restore_`)).toEqual([])
  })

  test('a corrupt file is refused with a clear message and the database is untouched', async () => {
    const corrupt = join(scratch, 'corrupt.dump')
    writeFileSync(corrupt, randomBytes(64 * 1024))
    const restore = await node('scripts/restore.ts', [corrupt], env)
    expect(restore.code).toBe(1)
    expect(restore.stderr).toContain(`Refused: ${corrupt} is not a readable pg_dump custom-format archive`)
    expect(restore.stderr).toContain('The database was not touched.')
    expect(await snapshot(env.DATABASE_URL)).toEqual(seeded)
    expect(await databasesLike(env.DATABASE_URL, `${dbName()}_restore_`)).toEqual([])
  })

  test('a truncated dump is refused, nothing half-restored is left behind, the database is untouched', async () => {
    const whole = join(scratch, 'whole.dump')
    expect((await node('scripts/backup.ts', ['--file', whole], env)).code).toBe(0)
    const bytes = readFileSync(whole)
    const truncated = join(scratch, 'truncated.dump')
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    const restore = await node('scripts/restore.ts', [truncated], env)
    expect(restore.code).toBe(1)
    expect(restore.stderr).toMatch(/^Refused: .*truncated\.dump (is not a readable pg_dump custom-format archive|did not restore completely)/)
    expect(restore.stderr).toContain('The database was not touched.')
    expect(await snapshot(env.DATABASE_URL)).toEqual(seeded)
    expect(await databasesLike(env.DATABASE_URL, `${dbName()}_restore_`)).toEqual([])
  })

  test('an unknown backup name is refused and names the bucket', async () => {
    const restore = await node('scripts/restore.ts', ['meet-1999-01-01T00-00-00Z.dump'], env)
    expect(restore.code).toBe(1)
    expect(restore.stderr).toContain(`no backup backups/meet-1999-01-01T00-00-00Z.dump in bucket ${env.S3_BUCKET}`)
    expect(await snapshot(env.DATABASE_URL)).toEqual(seeded)
  })
})
