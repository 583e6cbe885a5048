import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { headBucket } from '../../../runtime/storage/head-bucket.ts'
import { startS3Server } from '../cdktf/support/s3-server.ts'

// The runtime signs its bucket check itself (no S3 SDK at idle): the signature must be the one the
// AWS SDK's own signer computes, or a real S3 store refuses it. This server answers 403 to any other.
describe('the bucket check signs HeadBucket as the AWS SDK does', () => {
  const credentials = { accessKey: 'AKIDEXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'eu-frankfurt-1', bucket: 'recordings' }
  let server: Awaited<ReturnType<typeof startS3Server>>
  beforeAll(async () => {
    server = await startS3Server(credentials)
  })
  afterAll(() => server?.close())

  const check = (secretAccessKey: string) =>
    headBucket({
      endpoint: server.endpoint,
      region: credentials.region,
      forcePathStyle: true,
      bucket: credentials.bucket,
      accessKeyId: credentials.accessKey,
      secretAccessKey,
    })

  test('the right secret passes the signature check (this fake store then has no such bucket: 404)', async () => {
    await expect(check(credentials.secretKey)).rejects.toMatchObject({ name: 'NotFound', status: 404 })
    expect(server.rejected).toEqual([])
  })

  test('a wrong secret is refused (403), as a real store would', async () => {
    await expect(check('not-the-secret')).rejects.toMatchObject({ name: 'Forbidden', status: 403 })
    expect(server.rejected).toEqual([`HEAD /${credentials.bucket}`])
  })
})
