import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type { Bucket } from '../storage/bucket.ts'
import { backupKey, backupPrefix, backupTime } from './names.ts'
import { backupsToKeep, defaultRetention, type Dated, type RetentionPolicy } from './retention.ts'

// The SDK loads with the first backup call (the runtime imports this file for its metrics).
const sdk = () => import('@aws-sdk/client-s3')

export interface StoredBackup extends Dated {
  size: number
}

/** Every backup in the bucket, newest first. */
export async function listBackups(bucket: Bucket): Promise<StoredBackup[]> {
  const [{ ListObjectsV2Command }, client] = await Promise.all([sdk(), bucket.client()])
  const found: StoredBackup[] = []
  let token: string | undefined
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket.name, Prefix: backupPrefix, ContinuationToken: token }))
    for (const object of page.Contents ?? []) {
      const at = object.Key ? backupTime(object.Key) : undefined
      if (at) found.push({ key: object.Key!, at, size: object.Size ?? 0 })
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return found.sort((a, b) => b.at.getTime() - a.at.getTime())
}

/** Uploads one dump file as the backup taken at `at`. */
export async function uploadBackup(bucket: Bucket, file: string, at = new Date()): Promise<StoredBackup> {
  const key = backupKey(at)
  const { size } = await stat(file)
  const [{ PutObjectCommand }, client] = await Promise.all([sdk(), bucket.client()])
  await client.send(
    new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: createReadStream(file), ContentLength: size, ContentType: 'application/octet-stream' }),
  )
  return { key, at, size }
}

export async function downloadBackup(bucket: Bucket, key: string): Promise<Readable> {
  const [{ GetObjectCommand }, client] = await Promise.all([sdk(), bucket.client()])
  const object = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }))
  return object.Body as Readable
}

/** Deletes what the retention policy does not keep; returns the keys deleted. */
export async function pruneBackups(bucket: Bucket, policy: RetentionPolicy = defaultRetention): Promise<string[]> {
  const { remove } = backupsToKeep(await listBackups(bucket), policy)
  const [{ DeleteObjectsCommand }, client] = await Promise.all([sdk(), bucket.client()])
  for (let i = 0; i < remove.length; i += 1000) {
    const batch = remove.slice(i, i + 1000)
    await client.send(new DeleteObjectsCommand({ Bucket: bucket.name, Delete: { Objects: batch.map((b) => ({ Key: b.key })), Quiet: true } }))
  }
  return remove.map((b) => b.key)
}
