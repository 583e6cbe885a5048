// The deploy workflow's side of a release (runtime/release/objects.ts): asks the running VM for
// an image tag by writing releases/wanted.json into the deployment's bucket, then waits for the
// VM's meet-release (a timer, every minute) to run meet-update and report releases/status.json.
//   node scripts/deploy/release.ts <tag>
// Reads S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION (the workflow takes them
// from `terraform output`), RELEASE_ID (default: the GitHub run and attempt), and
// RELEASE_TIMEOUT_SECONDS (default 1800). Exit 0 once the tag answers /api/health/ready through
// Caddy on the VM; 1 when it was rolled back, or when the VM never answered.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { S3Client } from '@aws-sdk/client-s3'
import { readStatus, writeWanted, type ReleaseBucket, type ReleaseStatus } from '../../runtime/release/objects.ts'

export interface ReleaseOptions {
  bucket: ReleaseBucket
  tag: string
  id: string
  timeoutMs: number
  pollMs: number
  say?: (line: string) => void
}

/** Asks for `tag` and resolves with the VM's final status, or undefined when it never came. */
export async function deliverRelease({ bucket, tag, id, timeoutMs, pollMs, say = () => {} }: ReleaseOptions): Promise<ReleaseStatus | undefined> {
  await writeWanted(bucket, { id, tag, requestedAt: new Date().toISOString() })
  say(`asked for ${tag} (request ${id}) in s3://${bucket.name}/releases/wanted.json; waiting for the VM`)
  const deadline = Date.now() + timeoutMs
  let seen: string | undefined
  while (Date.now() < deadline) {
    const status = await readStatus(bucket).catch((error: Error) => {
      say(`could not read the status yet: ${error.message}`)
      return undefined
    })
    if (status?.id === id) {
      if (status.state !== seen) say(`VM: ${status.state}: ${status.message}`)
      seen = status.state
      if (status.state !== 'updating') return status
    }
    await sleep(pollMs)
  }
  return undefined
}

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

if (import.meta.main) {
  const tag = process.argv[2]
  if (!tag) {
    console.error('usage: node scripts/deploy/release.ts <image tag>')
    process.exit(2)
  }
  const client = new S3Client({
    endpoint: required('S3_ENDPOINT'),
    region: process.env.S3_REGION || 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: required('S3_ACCESS_KEY'), secretAccessKey: required('S3_SECRET_KEY') },
  })
  const { GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT } = process.env
  const id = process.env.RELEASE_ID || (GITHUB_RUN_ID ? `${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT ?? 1}` : randomUUID())
  const timeoutMs = Number(process.env.RELEASE_TIMEOUT_SECONDS || 1800) * 1000
  const status = await deliverRelease({
    bucket: { name: required('S3_BUCKET'), client },
    tag,
    id,
    timeoutMs,
    pollMs: Number(process.env.RELEASE_POLL_SECONDS || 10) * 1000,
    say: console.log,
  })
  if (!status) {
    console.error(
      `::error::the VM did not report on ${tag} within ${timeoutMs / 60_000} minutes: is meet-release.timer running there? (journalctl -u meet-release)`,
    )
    process.exit(1)
  }
  if (status.state !== 'healthy') {
    console.error(
      `::error::${tag} did not come up healthy on the VM; it runs ${status.running ?? 'an unknown tag'}. meet-update said:%0A${status.message.replaceAll('\n', '%0A')}`,
    )
    process.exit(1)
  }
  console.log(`${tag} runs on the VM and answers /api/health/ready through Caddy`)
}
