// `npm run restore <file|object|latest>`: puts a backup back as the database. A local file is
// used as it is; anything else names a backup in the bucket (`latest`, `backups/meet-….dump`
// or just `meet-….dump`). The dump is restored into a scratch database first and swapped in
// only when complete: a corrupt or truncated dump is refused and changes nothing.
import { createWriteStream, existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { loadConfig, loadEnvFile } from '../runtime/config/load.ts'
import { createBucket } from '../runtime/storage/bucket.ts'
import { downloadBackup } from '../runtime/backup/store.ts'
import { resolveBackupKey } from '../runtime/backup/resolve.ts'
import { nativeDatabaseUrl } from './backup/database-url.ts'
import { findPgTools } from './backup/pg-tools.ts'
import { restoreDatabase } from './backup/restore-database.ts'

const source = process.argv[2]
if (!source) {
  console.error('Usage: npm run restore -- <file|object|latest>')
  process.exit(2)
}
loadEnvFile(process.env.ENV_FILE ?? '.env')
const dir = await mkdtemp(join(tmpdir(), 'meet-restore-'))
try {
  const tools = await findPgTools()
  let file = source
  let named = source
  if (!existsSync(source)) {
    const bucket = createBucket(loadConfig())
    named = await resolveBackupKey(bucket, source)
    file = join(dir, 'meet.dump')
    await pipeline(await downloadBackup(bucket, named), createWriteStream(file))
  }
  const { database, previous } = await restoreDatabase(tools, nativeDatabaseUrl(process.env), file, named)
  console.log(`Restored ${named} as database ${database}.${previous ? ` The database as it was is kept as ${previous} (drop it once you are satisfied).` : ''}`)
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await rm(dir, { recursive: true, force: true })
}
