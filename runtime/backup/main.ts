// The bucket side of backups, run where the runtime's S3 settings are (the runtime container on
// the VM: `docker compose exec -T runtime node runtime/backup/main.ts upload - < dump`):
//   upload <file|->        store a dump as backups/meet-<now>.dump, then prune
//   download <key|latest>  write a stored dump to stdout
//   list                   one line per backup, newest first
//   prune                  keep 7 daily + 4 weekly
// Messages go to stderr: stdout carries only the key (upload) or the dump (download).
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ConfigError, loadConfig, loadEnvFile } from '../config/load.ts'
import { createBucket } from '../storage/bucket.ts'
import { downloadBackup, listBackups, pruneBackups, uploadBackup } from './store.ts'
import { resolveBackupKey } from './resolve.ts'

const say = (line: string) => process.stderr.write(`${line}\n`)

async function main([command, arg]: string[]) {
  loadEnvFile(process.env.ENV_FILE ?? '.env')
  const bucket = createBucket(loadConfig())
  switch (command) {
    case 'upload': {
      if (!arg) throw new Error('upload needs a dump file, or - for stdin')
      let file = arg
      let scratch: string | undefined
      if (arg === '-') {
        scratch = await mkdtemp(join(tmpdir(), 'meet-backup-'))
        file = join(scratch, 'meet.dump')
        await pipeline(process.stdin, createWriteStream(file))
      }
      try {
        const stored = await uploadBackup(bucket, file)
        say(`uploaded ${stored.key} (${stored.size} bytes) to bucket ${bucket.name}`)
        for (const key of await pruneBackups(bucket)) say(`pruned ${key}`)
        process.stdout.write(`${stored.key}\n`)
      } finally {
        if (scratch) await rm(scratch, { recursive: true, force: true })
      }
      return
    }
    case 'download': {
      const key = await resolveBackupKey(bucket, arg)
      say(`downloading ${key} from bucket ${bucket.name}`)
      await pipeline(await downloadBackup(bucket, key), process.stdout)
      return
    }
    case 'list':
      for (const backup of await listBackups(bucket)) process.stdout.write(`${backup.key}\t${backup.size}\n`)
      return
    case 'prune':
      for (const key of await pruneBackups(bucket)) say(`pruned ${key}`)
      return
    default:
      throw new Error(`unknown command ${command ?? '(none)'}: use upload, download, list or prune`)
  }
}

try {
  await main(process.argv.slice(2))
} catch (error) {
  say(error instanceof ConfigError ? error.message : `backup: ${(error as Error).message}`)
  process.exit(1)
}
