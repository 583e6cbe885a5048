import { SignatureV4 } from '@smithy/signature-v4'
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface S3Credentials {
  accessKey: string
  secretKey: string
  region: string
  bucket: string
}

const bytes = (data: string | ArrayBuffer | ArrayBufferView) =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data)

// node:crypto in the shape the AWS SDK's signer takes (its own hash package is not a dependency here).
class Sha256 {
  private readonly hash: Hash | Hmac
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256')
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytes(data))
  }
  async digest() {
    return new Uint8Array(this.hash.digest())
  }
  reset() {}
}

/**
 * A bucket on loopback that keeps objects in memory and answers like S3 only to requests whose
 * Signature Version 4 is the one the AWS SDK's own signer computes for them: 403 otherwise.
 */
export async function startS3Server(credentials: S3Credentials) {
  const objects = new Map<string, Buffer>()
  const signer = new SignatureV4({
    service: 's3',
    region: credentials.region,
    credentials: { accessKeyId: credentials.accessKey, secretAccessKey: credentials.secretKey },
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  })
  const rejected: string[] = []
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    if (!(await signedCorrectly(request, body))) {
      rejected.push(`${request.method} ${request.url}`)
      return void response.writeHead(403).end('SignatureDoesNotMatch')
    }
    const key = decodeURIComponent(request.url!.slice(`/${credentials.bucket}/`.length))
    if (!request.url!.startsWith(`/${credentials.bucket}/`)) return void response.writeHead(404).end('NoSuchBucket')
    if (request.method === 'PUT') return void (objects.set(key, body), response.end())
    const stored = objects.get(key)
    if (request.method === 'GET' && stored) return void response.end(stored)
    response.writeHead(404).end('NoSuchKey')
  })

  async function signedCorrectly(request: IncomingMessage, body: Buffer): Promise<boolean> {
    const date = String(request.headers['x-amz-date'] ?? '')
    const payload = String(request.headers['x-amz-content-sha256'] ?? '')
    if (payload !== createHash('sha256').update(body).digest('hex')) return false
    const signingDate = new Date(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'))
    if (Number.isNaN(signingDate.getTime())) return false
    const expected = await signer.sign(
      {
        method: request.method!,
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: port,
        path: request.url!,
        query: {},
        headers: { host: request.headers.host!, 'x-amz-date': date, 'x-amz-content-sha256': payload },
        body,
      },
      { signingDate },
    )
    return expected.headers.authorization === request.headers.authorization
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { endpoint: `http://127.0.0.1:${port}`, objects, rejected, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
