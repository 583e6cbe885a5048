import type { Runtime } from '../context.ts'
import { shareFor } from '../health/shared.ts'
import type { Bucket } from './bucket.ts'

/** The top-level prefixes the bucket holds; anything else counts as `other`. */
const usagePrefixes = ['recordings', 'backups', 'other'] as const
type UsagePrefix = (typeof usagePrefixes)[number]
export type BucketUsage = Record<UsagePrefix, { bytes: number; objects: number }>

/** Bytes and objects in the whole bucket by top-level prefix. Lists every object: keep the answer a while. */
export async function readBucketUsage(bucket: Pick<Bucket, 'name' | 'client'>): Promise<BucketUsage> {
  // The S3 SDK loads here on first use, not at start (see bucket.ts).
  const [{ ListObjectsV2Command }, client] = await Promise.all([import('@aws-sdk/client-s3'), bucket.client()])
  const usage = Object.fromEntries(usagePrefixes.map((prefix) => [prefix, { bytes: 0, objects: 0 }])) as BucketUsage
  let token: string | undefined
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket.name, ContinuationToken: token }))
    for (const object of page.Contents ?? []) {
      const top = object.Key?.split('/')[0] ?? ''
      const total = usage[(usagePrefixes as readonly string[]).includes(top) ? (top as UsagePrefix) : 'other']
      total.bytes += object.Size ?? 0
      total.objects += 1
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return usage
}

const byRuntime = new WeakMap<Runtime, () => Promise<BucketUsage>>()

/** The bucket's use as pages show it: listed at most once a minute, however many ask. */
export function bucketUsage(runtime: Runtime): Promise<BucketUsage> {
  let read = byRuntime.get(runtime)
  if (!read) {
    read = shareFor(60_000, () => readBucketUsage(runtime.bucket))
    byRuntime.set(runtime, read)
  }
  return read()
}
