import { connect } from 'node:net'

/** True when an HTTP GET answers 2xx (and, if given, a body containing `text`). */
export async function httpAnswers(url: string, text?: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
  const body = await response.text()
  return response.ok && (text === undefined || body.includes(text))
}

/** Sends `request` over TCP and resolves true once the reply contains `expected`. */
export function tcpAnswers(port: number, request: string, expected: string): Promise<boolean> {
  return new Promise((resolve) => {
    let reply = ''
    const socket = connect({ host: '127.0.0.1', port, timeout: 2_000 }, () => socket.write(request))
    const finish = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8')
      if (reply.includes(expected)) finish(true)
    })
    socket.on('error', () => finish(false))
    socket.on('timeout', () => finish(false))
    socket.on('end', () => finish(reply.includes(expected)))
  })
}
