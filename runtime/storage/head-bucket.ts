import { createHash, createHmac } from 'node:crypto'
import { request } from 'node:http'

export interface BucketAddress {
  /** S3_ENDPOINT; AWS's regional endpoint when unset. */
  endpoint?: string
  region: string
  forcePathStyle: boolean
  bucket: string
  accessKeyId: string
  secretAccessKey: string
}

const EMPTY_SHA256 = createHash('sha256').digest('hex')
const SIGNED_HEADERS = 'host;x-amz-content-sha256;x-amz-date'

/**
 * HeadBucket as one request signed with AWS Signature Version 4 (a HEAD with no query and no body
 * is the simplest request to sign). The start-up and health checks of the bucket use it so that an
 * idle runtime never loads the S3 SDK (about 30 MiB). Resolves when the bucket exists and the
 * credentials are accepted; a 404 throws an error named `NotFound`, as the SDK's does, and an
 * unreachable store throws node:http's error, which carries the connection code.
 * node:http rather than fetch: fetch's client instantiates undici's WebAssembly HTTP parser, about
 * 10 MiB that would stay resident in a runtime that otherwise never makes an HTTP request.
 */
export async function headBucket(address: BucketAddress, timeoutMs = 5_000): Promise<void> {
  const url = bucketUrl(address)
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '')
  const day = date.slice(0, 8)
  const scope = `${day}/${address.region}/s3/aws4_request`
  const canonical = [
    'HEAD',
    url.pathname,
    '',
    `host:${url.host}`,
    `x-amz-content-sha256:${EMPTY_SHA256}`,
    `x-amz-date:${date}`,
    '',
    SIGNED_HEADERS,
    EMPTY_SHA256,
  ].join('\n')
  const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')].join('\n')
  let key: Buffer | string = `AWS4${address.secretAccessKey}`
  for (const part of [day, address.region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest()
  const signature = createHmac('sha256', key).update(toSign).digest('hex')
  const headers = {
    'x-amz-date': date,
    'x-amz-content-sha256': EMPTY_SHA256,
    authorization: `AWS4-HMAC-SHA256 Credential=${address.accessKeyId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
  }
  const send = url.protocol === 'https:' ? (await import('node:https')).request : request
  const status = await new Promise<number>((resolve, reject) => {
    const sent = send(url, { method: 'HEAD', headers, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    sent.on('error', reject).end()
  })
  if (status >= 200 && status < 300) return
  const name = status === 404 ? 'NotFound' : status === 403 ? 'Forbidden' : `HTTP${status}`
  throw Object.assign(new Error(`HeadBucket ${address.bucket} answered ${status}`), { name, status })
}

// Path style (`endpoint/bucket`, MiniStack and most S3-compatible stores) or virtual-hosted (`bucket.endpoint`).
function bucketUrl({ endpoint, region, forcePathStyle, bucket }: BucketAddress): URL {
  const base = new URL(endpoint ?? `https://s3.${region}.amazonaws.com`)
  const prefix = base.pathname.replace(/\/$/, '')
  return forcePathStyle ? new URL(`${base.origin}${prefix}/${bucket}`) : new URL(`${base.protocol}//${bucket}.${base.host}${prefix}/`)
}
