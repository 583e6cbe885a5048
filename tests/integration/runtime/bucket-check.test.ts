import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { headBucket, type BucketAddress } from '../../../runtime/storage/head-bucket.ts'
import { isUnavailableError } from '../../../runtime/http/unavailable.ts'
import { freePort } from '../../../native/free-port.ts'

// The start-up and health checks of the recordings bucket sign their own HeadBucket, so that an idle
// runtime never loads the S3 SDK: they must tell the same three cases apart as the SDK did.
describe('the bucket check without the S3 SDK', () => {
  const address = (bucket: string, endpoint = useServices().s3Endpoint): BucketAddress => ({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    bucket,
    accessKeyId: 'test',
    secretAccessKey: 'test',
  })

  test('an existing bucket passes, a missing one is NotFound, an unreachable store is a connection error', async () => {
    const bucket = `chk-${randomBytes(4).toString('hex')}`
    await expect(headBucket(address(bucket))).rejects.toMatchObject({ name: 'NotFound', status: 404 })
    const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3')
    const client = new S3Client({
      endpoint: useServices().s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    await client.send(new CreateBucketCommand({ Bucket: bucket }))
    client.destroy()
    await expect(headBucket(address(bucket))).resolves.toBeUndefined()

    const nowhere = `http://127.0.0.1:${await freePort()}`
    const error = await headBucket(address(bucket, nowhere)).catch((e: unknown) => e)
    expect(isUnavailableError(error)).toBe(true)
  })
})
