// `npm run backup`: a custom-format pg_dump of the database, uploaded to the bucket under
// backups/ and pruned to 7 daily + 4 weekly. `-- --file x.dump` writes a local file instead;
// `-- --list` shows what the bucket holds. The VM's nightly timer runs meet-backup instead.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig, loadEnvFile } from '../runtime/config/load.ts'
import { createBucket } from '../runtime/storage/bucket.ts'
import { listBackups, pruneBackups, uploadBackup } from '../runtime/backup/store.ts'
import { nativeDatabaseUrl } from './backup/database-url.ts'
import { dumpDatabase } from './backup/dump.ts'
import { findPgTools } from './backup/pg-tools.ts'

const { values } = parseArgs({ options: { file: { type: 'string' }, list: { type: 'boolean' } } })
loadEnvFile(process.env.ENV_FILE ?? '.env')

try {
  if (values.list) {
    for (const b of await listBackups(createBucket(loadConfig()))) console.log(`${b.key}\t${b.size} bytes`)
  } else if (values.file) {
    await dumpDatabase(await findPgTools(), nativeDatabaseUrl(process.env), values.file)
    console.log(`Backup written to ${values.file}`)
  } else {
    const bucket = createBucket(loadConfig())
    const tools = await findPgTools()
    const dir = await mkdtemp(join(tmpdir(), 'meet-backup-'))
    try {
      await dumpDatabase(tools, nativeDatabaseUrl(process.env), join(dir, 'meet.dump'))
      const stored = await uploadBackup(bucket, join(dir, 'meet.dump'))
      const pruned = await pruneBackups(bucket)
      console.log(`Backup uploaded: ${stored.key} (${stored.size} bytes) in bucket ${bucket.name}${pruned.length ? `; pruned ${pruned.join(', ')}` : ''}`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`)
  process.exit(1)
}
