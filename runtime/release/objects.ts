// A release delivered through the deployment's own bucket: the deploy workflow writes the tag it
// wants as releases/wanted.json and waits for releases/status.json; meet-release on the VM (a
// systemd timer, every minute) reads the first, runs meet-update, and writes the second. The VM
// takes no inbound connection for it and the workflow holds no SSH key.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import * as v from 'valibot'

export const wantedKey = 'releases/wanted.json'
export const statusKey = 'releases/status.json'

/** The image tags meet-update accepts (the same rule as cdktf's IMAGE_TAG input). */
const imageTag = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'not an image tag'))
/** One request: a new id each time, so asking again for a tag that failed is a new request. */
const requestId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,128}$/, 'not a request id'))

export const WantedRelease = v.object({ id: requestId, tag: imageTag, requestedAt: v.string() })
export type WantedRelease = v.InferOutput<typeof WantedRelease>

/** updating: meet-update runs; healthy: the tag runs and /api/health/ready answered through Caddy; failed: it did not, `running` says what runs instead. */
export const ReleaseStatus = v.object({
  id: requestId,
  tag: imageTag,
  state: v.picklist(['updating', 'healthy', 'failed']),
  running: v.optional(v.string()),
  message: v.string(),
  at: v.string(),
})
export type ReleaseStatus = v.InferOutput<typeof ReleaseStatus>

export interface ReleaseBucket {
  name: string
  client: S3Client
}

async function readJson(bucket: ReleaseBucket, key: string): Promise<unknown> {
  try {
    const object = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }))
    return JSON.parse(await object.Body!.transformToString())
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined
    throw error
  }
}

const writeJson = (bucket: ReleaseBucket, key: string, value: unknown) =>
  bucket.client.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: `${JSON.stringify(value)}\n`, ContentType: 'application/json' }))

/** The release asked for, or undefined when none ever was. A malformed object throws, naming the field. */
export async function readWanted(bucket: ReleaseBucket): Promise<WantedRelease | undefined> {
  const found = await readJson(bucket, wantedKey)
  return found === undefined ? undefined : parse(WantedRelease, found, wantedKey)
}

export async function readStatus(bucket: ReleaseBucket): Promise<ReleaseStatus | undefined> {
  const found = await readJson(bucket, statusKey)
  return found === undefined ? undefined : parse(ReleaseStatus, found, statusKey)
}

export const writeWanted = (bucket: ReleaseBucket, wanted: WantedRelease) => writeJson(bucket, wantedKey, parse(WantedRelease, wanted, wantedKey))
export const writeStatus = (bucket: ReleaseBucket, status: ReleaseStatus) => writeJson(bucket, statusKey, parse(ReleaseStatus, status, statusKey))

function parse<T extends v.GenericSchema>(schema: T, value: unknown, key: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issue = result.issues[0]
  throw new Error(`${key}: ${v.getDotPath(issue) ?? 'object'}: ${issue.message}`)
}
