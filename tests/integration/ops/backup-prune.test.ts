import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { listBackups, pruneBackups, uploadBackup } from '../../../runtime/backup/store.ts'
import { useServices } from '../../support/services.ts'
import { runtimeEnv } from '../../../native/runtime.ts'
import { ensureBucket } from './support/backups.ts'

test('a month of nightly uploads to MiniStack, pruned after each, leaves 7 daily + 4 weekly objects', async () => {
  const bucket = await ensureBucket(await runtimeEnv(useServices()))
  const file = join(mkdtempSync(join(tmpdir(), 'meet-prune-')), 'tiny.dump')
  writeFileSync(file, 'PGDMP')
  for (let night = 1; night <= 30; night++) {
    await uploadBackup(bucket, file, new Date(Date.UTC(2026, 10, night, 2, 30)))
    await pruneBackups(bucket)
  }
  const kept = (await listBackups(bucket)).map((b) => b.key.slice('backups/meet-'.length, 'backups/meet-'.length + 10))
  expect(kept).toEqual([
    '2026-11-30',
    '2026-11-29',
    '2026-11-28',
    '2026-11-27',
    '2026-11-26',
    '2026-11-25',
    '2026-11-24',
    '2026-11-23',
    '2026-11-22',
    '2026-11-15',
    '2026-11-08',
  ])
})
