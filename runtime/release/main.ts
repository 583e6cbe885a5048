// The bucket side of meet-release, run where the runtime's S3 settings are (on the VM:
// `docker compose run --rm --no-deps -T runtime node runtime/release/main.ts …`, which works
// while the runtime container itself is down):
//   wanted                            print "<id> <tag>" of the release asked for, or nothing
//   report <id> <tag> <state> [running]  write releases/status.json; the message is read from stdin
import { text } from 'node:stream/consumers'
import { ConfigError, loadConfig, loadEnvFile } from '../config/load.ts'
import { createBucket } from '../storage/bucket.ts'
import { readWanted, writeStatus, type ReleaseStatus } from './objects.ts'

async function main([command, ...args]: string[]) {
  loadEnvFile(process.env.ENV_FILE ?? '.env')
  const configured = createBucket(loadConfig())
  const bucket = { name: configured.name, client: await configured.client() }
  switch (command) {
    case 'wanted': {
      const wanted = await readWanted(bucket)
      if (wanted) process.stdout.write(`${wanted.id} ${wanted.tag}\n`)
      return
    }
    case 'report': {
      const [id, tag, state, running] = args
      const message = (await text(process.stdin)).trim()
      await writeStatus(bucket, { id, tag, state: state as ReleaseStatus['state'], running: running || undefined, message, at: new Date().toISOString() })
      return
    }
    default:
      throw new Error(`unknown command ${command ?? '(none)'}: use wanted or report`)
  }
}

try {
  await main(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `release: ${(error as Error).message}`}\n`)
  process.exit(1)
}
