import { connect } from 'node:net'
import { connect as connectTls } from 'node:tls'

/** What came back on the socket: the status line's code (undefined if none) and the rest. */
export interface ProbeAnswer {
  status?: number
  text: string
  /** body bytes written before the server answered or closed */
  sent: number
}

export type BodyShape =
  /** `Transfer-Encoding: chunked`, more than the limit, all of it offered */
  | 'chunked'
  /** a `Content-Length` over the limit; the bytes are offered as long as the server reads */
  | 'long-length'
  /** a declared length within the limit, then the client goes away halfway */
  | 'stops-midway'
  /** chunked, then the client goes away before the last chunk */
  | 'chunked-stops-midway'

const CHUNK = 64 * 1024

/**
 * One request on a raw socket with a body of `bytes` bytes (zeros inside a JSON string), written in
 * 64 KiB pieces as fast as the server takes them, in one of the shapes above. Resolves with what the
 * server answered, or when it closed the connection, or after `timeoutMs` (then the socket is cut).
 */
export function sendBody(
  baseUrl: string,
  method: string,
  path: string,
  shape: BodyShape,
  bytes: number,
  options: { headers?: Record<string, string>; timeoutMs?: number; ca?: string; expectContinue?: boolean; keepAlive?: boolean } = {},
): Promise<ProbeAnswer> {
  const { hostname, port, protocol } = new URL(baseUrl)
  const chunked = shape === 'chunked' || shape === 'chunked-stops-midway'
  const stopsAt = shape === 'stops-midway' || shape === 'chunked-stops-midway' ? Math.floor(bytes / 2) : bytes
  const head =
    [
      `${method} ${path} HTTP/1.1`,
      `host: ${hostname}:${port}`,
      'content-type: application/json',
      `connection: ${options.keepAlive ? 'keep-alive' : 'close'}`,
      chunked ? 'transfer-encoding: chunked' : `content-length: ${bytes}`,
      ...(options.expectContinue ? ['expect: 100-continue'] : []),
      ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ].join('\r\n') + '\r\n\r\n'
  return new Promise((resolve) => {
    // https: to 127.0.0.1, naming `hostname` (Caddy's internal certificate is for localhost).
    const socket =
      protocol === 'https:' ? connectTls({ host: '127.0.0.1', port: Number(port), servername: hostname, ca: options.ca }) : connect(Number(port), hostname)
    let received = ''
    let sent = 0
    let done = false
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1]
      const end = received.indexOf('\r\n\r\n')
      const body = received.slice(end + 4)
      const text = /\r\ntransfer-encoding: *chunked/i.test(received.slice(0, end)) ? dechunk(body) : body
      resolve({ status: status ? Number(status) : undefined, text, sent })
    }
    const timer = setTimeout(finish, options.timeoutMs ?? 10_000)
    socket.setEncoding('latin1')
    let pumping: (() => void) | undefined
    socket.on('data', (chunk: string) => {
      received += chunk
      // `Expect: 100-continue`: the body follows a 100; any other answer is final and it never does.
      if (pumping && /^HTTP\/1\.1 100 [^\r]*\r\n\r\n/.test(received)) {
        received = received.replace(/^HTTP\/1\.1 100 [^\r]*\r\n\r\n/, '')
        const start = pumping
        pumping = undefined
        return start()
      }
      // The whole answer is in once the server closes (`connection: close`); a HEAD-less 413 may also keep it open.
      if (received.endsWith('\r\n0\r\n\r\n') || hasWholeBody(received)) finish()
    })
    socket.on('close', finish)
    socket.on('error', finish)
    const piece = (size: number) => {
      const data = Buffer.alloc(size, 0x61)
      return chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data
    }
    socket.on(protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      socket.write(head)
      const pump = () => {
        while (!done && sent < stopsAt) {
          const size = Math.min(CHUNK, stopsAt - sent)
          sent += size
          if (!socket.write(piece(size))) return void socket.once('drain', pump)
        }
        if (done) return
        // All offered: a whole body ends its chunks; a body that stops midway hangs up instead.
        if (stopsAt < bytes) setTimeout(() => socket.destroy(), 50)
        else if (chunked) socket.write('0\r\n\r\n')
      }
      if (options.expectContinue) pumping = pump
      else pump()
    })
  })
}

function dechunk(body: string): string {
  let text = ''
  for (let at = 0; ;) {
    const lineEnd = body.indexOf('\r\n', at)
    const size = parseInt(body.slice(at, lineEnd), 16)
    if (!(size > 0)) return text
    text += body.slice(lineEnd + 2, lineEnd + 2 + size)
    at = lineEnd + 2 + size + 2
  }
}

function hasWholeBody(received: string): boolean {
  const end = received.indexOf('\r\n\r\n')
  if (end < 0) return false
  const length = /\r\ncontent-length: *(\d+)/i.exec(received.slice(0, end))?.[1]
  return length !== undefined && received.length - end - 4 >= Number(length)
}
