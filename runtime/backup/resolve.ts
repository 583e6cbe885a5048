import type { Bucket } from '../storage/bucket.ts'
import { backupPrefix, backupTime } from './names.ts'
import { listBackups } from './store.ts'

class BackupNotFoundError extends Error {}

/** `latest`, a full key, or a bare name such as `meet-2026-11-30T02-00-00Z.dump`: the stored key. */
export async function resolveBackupKey(bucket: Bucket, name: string | undefined): Promise<string> {
  const backups = await listBackups(bucket)
  if (!name || name === 'latest') {
    if (!backups.length) throw new BackupNotFoundError(`no backup in bucket ${bucket.name} under ${backupPrefix}`)
    return backups[0].key
  }
  const key = name.startsWith(backupPrefix) ? name : `${backupPrefix}${name}`
  if (!backupTime(key) || !backups.some((b) => b.key === key)) {
    throw new BackupNotFoundError(`no backup ${key} in bucket ${bucket.name} (list them with: npm run backup -- --list)`)
  }
  return key
}
