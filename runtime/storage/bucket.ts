import type { S3Client } from '@aws-sdk/client-s3'
import type { Config } from '../config/load.ts'
import { unavailable } from '../errors.ts'
import { headBucket, type BucketAddress } from './head-bucket.ts'

export interface Bucket {
  name: string
  /** The S3 client, created on first use: the SDK is loaded only when something needs it. */
  client(): Promise<S3Client>
  /** HeadBucket without the SDK: resolves when the bucket exists and the credentials work. */
  check(): Promise<void>
  /** Checks the bucket exists, creating it when the config allows. */
  ensure(create: boolean): Promise<'exists' | 'created'>
  /** Throws a 503 while the store is unreachable (checked at most every few seconds). */
  assertAvailable(): Promise<void>
  /** A time-limited GET URL that browsers can use (signed for S3_PUBLIC_ENDPOINT). */
  downloadUrl(key: string, expiresInSeconds?: number): Promise<string>
  /** Deletes one object (a missing one is no error); a storage failure throws a 503 naming it. */
  deleteObject(key: string): Promise<void>
  /** Closes the clients' connections, if they were ever made. */
  destroy(): void
}

const sdk = () => import('@aws-sdk/client-s3')

const clientFor = async (config: Config, endpoint: string | undefined) =>
  new (await sdk()).S3Client({
    endpoint,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: config.S3_ACCESS_KEY, secretAccessKey: config.S3_SECRET_KEY },
    // Fail fast: a storage outage must turn into a 503, not a hung request.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  })

// Configured only from the environment: MiniStack, LocalStack, Oracle's S3 compatibility API or AWS.
// The AWS SDK is about 30 MiB of an idle runtime's memory, and most runtimes touch recordings rarely:
// it is loaded on the first call that needs a client (start, download or delete a recording,
// a metrics scrape, a backup); the start-up and health checks sign their HeadBucket themselves.
export function createBucket(config: Config): Bucket {
  const name = config.S3_BUCKET
  const address: BucketAddress = {
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    bucket: name,
    accessKeyId: config.S3_ACCESS_KEY,
    secretAccessKey: config.S3_SECRET_KEY,
  }
  let client: Promise<S3Client> | undefined
  let publicClient: Promise<S3Client> | undefined
  const useClient = () => (client ??= clientFor(config, config.S3_ENDPOINT))
  const usePublicClient = () => (publicClient ??= config.S3_PUBLIC_ENDPOINT ? clientFor(config, config.S3_PUBLIC_ENDPOINT) : useClient())
  const check = () => headBucket(address)
  // One HeadBucket per few seconds at most, however many requests ask.
  let checked: { at: number; ok: Promise<boolean> } | undefined
  const available = () => {
    if (!checked || Date.now() - checked.at > 3_000)
      checked = {
        at: Date.now(),
        ok: check().then(
          () => true,
          () => false,
        ),
      }
    return checked.ok
  }
  return {
    name,
    client: useClient,
    check,
    async ensure(create) {
      try {
        await check()
        return 'exists'
      } catch (error) {
        if (!create || (error as { name?: string }).name !== 'NotFound') throw error
        const { CreateBucketCommand } = await sdk()
        await (await useClient()).send(new CreateBucketCommand({ Bucket: name }))
        return 'created'
      }
    },
    async assertAvailable() {
      if (!(await available())) throw unavailable('Recording storage is unreachable right now; try again shortly')
    },
    async downloadUrl(key, expiresIn = 3600) {
      const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([sdk(), import('@aws-sdk/s3-request-presigner')])
      return getSignedUrl(await usePublicClient(), new GetObjectCommand({ Bucket: name, Key: key }), { expiresIn })
    },
    async deleteObject(key) {
      try {
        const { DeleteObjectCommand } = await sdk()
        await (await useClient()).send(new DeleteObjectCommand({ Bucket: name, Key: key }))
      } catch (error) {
        checked = undefined
        throw unavailable(
          `Recording storage could not delete ${key} (${(error as Error).name}: ${(error as Error).message}); nothing was removed, try again shortly`,
        )
      }
    },
    destroy() {
      for (const made of [client, publicClient])
        void made?.then(
          (c) => c.destroy(),
          () => {},
        )
    },
  }
}
