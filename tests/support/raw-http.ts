import { request } from 'node:http'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/**
 * One request on a connection of its own, exactly as given: no URL normalisation, any header a
 * client can put on the wire, bodies the server may refuse before reading them all.
 * Undefined when Node itself refuses to send it (a header value with a line break…).
 */
export async function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<RawResponse | undefined> {
  const { hostname, port } = new URL(baseUrl)
  const headers: Record<string, string | number> = { ...options.headers }
  if (options.body !== undefined && !options.chunked) headers['content-length'] = Buffer.byteLength(options.body)
  let req
  try {
    req = request({ host: hostname, port, method, path, headers, agent: false })
  } catch {
    return undefined
  }
  return new Promise((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }))
    })
    // The server may answer (413) and close before the whole body is written: the answer counts.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? setTimeout(() => reject(error), 2_000) : reject(error),
    )
    if (options.body !== undefined) req.end(options.body)
    else req.end()
  })
}
