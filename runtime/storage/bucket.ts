import { S3Client, HeadBucketCommand, CreateBucketCommand, DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import type { Config } from '../config/load.ts'
import { unavailable } from '../errors.ts'

export interface Bucket {
  name: string
  client: S3Client
  /** Checks the bucket exists, creating it when the config allows. */
  ensure(create: boolean): Promise<'exists' | 'created'>
  /** Throws a 503 while the store is unreachable (checked at most every few seconds). */
  assertAvailable(): Promise<void>
  /** A time-limited GET URL that browsers can use (signed for S3_PUBLIC_ENDPOINT). */
  downloadUrl(key: string, expiresInSeconds?: number): Promise<string>
  /** Deletes one object (a missing one is no error); a storage failure throws a 503 naming it. */
  deleteObject(key: string): Promise<void>
}

const clientFor = (config: Config, endpoint: string | undefined) =>
  new S3Client({
    endpoint,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: config.S3_ACCESS_KEY, secretAccessKey: config.S3_SECRET_KEY },
    // Fail fast: a storage outage must turn into a 503, not a hung request.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  })

// Configured only from the environment: MiniStack, LocalStack, Oracle's S3 compatibility API or AWS.
export function createBucket(config: Config): Bucket {
  const client = clientFor(config, config.S3_ENDPOINT)
  const publicClient = config.S3_PUBLIC_ENDPOINT ? clientFor(config, config.S3_PUBLIC_ENDPOINT) : client
  const name = config.S3_BUCKET
  // One HeadBucket per few seconds at most, however many requests ask.
  let checked: { at: number; ok: Promise<boolean> } | undefined
  const available = () => {
    if (!checked || Date.now() - checked.at > 3_000) {
      checked = { at: Date.now(), ok: client.send(new HeadBucketCommand({ Bucket: name })).then(() => true, () => false) }
    }
    return checked.ok
  }
  return {
    name,
    client,
    async ensure(create) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: name }))
        return 'exists'
      } catch (error) {
        if (!create || (error as { name?: string }).name !== 'NotFound') throw error
        await client.send(new CreateBucketCommand({ Bucket: name }))
        return 'created'
      }
    },
    async assertAvailable() {
      if (!(await available())) throw unavailable('Recording storage is unreachable right now; try again shortly')
    },
    downloadUrl: (key, expiresIn = 3600) => getSignedUrl(publicClient, new GetObjectCommand({ Bucket: name, Key: key }), { expiresIn }),
    async deleteObject(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: name, Key: key }))
      } catch (error) {
        checked = undefined
        throw unavailable(`Recording storage could not delete ${key} (${(error as Error).name}: ${(error as Error).message}); nothing was removed, try again shortly`)
      }
    },
  }
}
