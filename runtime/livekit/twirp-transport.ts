import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { ServerError } from 'livekit-server-sdk'

/** What the SDK's clients call to reach LiveKit (its `Rpc` interface, which the SDK does not export). */
export interface TwirpTransport {
  request(service: string, method: string, data: unknown, headers: Record<string, string>, timeoutSeconds?: number): Promise<unknown>
}

const DEFAULT_TIMEOUT_SECONDS = 10 // the SDK's own

/**
 * Twirp over node:http with one keep-alive pool, in place of the SDK's fetch. Measured on
 * `POST /token` (bench/results), fetch's Request, Response, web streams and per-call
 * `AbortSignal.timeout` cost about a third of the request's CPU; here a call is one write and one
 * read on a pooled socket, and the timeout is the socket's (no answer for that long), which costs
 * nothing until it fires. Errors are the SDK's `ServerError`, with LiveKit's Twirp code and message.
 */
export function twirpOverHttp(host: string, { timeoutSeconds = DEFAULT_TIMEOUT_SECONDS } = {}): TwirpTransport {
  const base = new URL(host)
  const secure = base.protocol === 'https:'
  const send = secure ? httpsRequest : httpRequest
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
  const prefix = `${base.pathname.replace(/\/$/, '')}/twirp/livekit.`
  const call = (options: RequestOptions, body: string, timeoutMs: number, retried = false): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const sent = send(options, (response) => answer(response).then(resolve, reject))
      sent.setTimeout(timeoutMs, () => sent.destroy(timedOut(timeoutMs)))
      sent.on('error', (error: NodeJS.ErrnoException) => {
        // A pooled socket LiveKit closed while it sat idle fails with a reset: send once more on a
        // new socket (Node's reusedSocket pattern; it also resends a call LiveKit read just before a reset).
        if (sent.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(call(options, body, timeoutMs, true))
        else reject(error.name === 'TimeoutError' ? error : unreachable(error))
      })
      sent.end(body)
    })
  return {
    request(service, method, data, headers, callSeconds = timeoutSeconds) {
      const body = JSON.stringify(data)
      const options: RequestOptions = {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        path: `${prefix}${service}/${method}`,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }
      return call(options, body, callSeconds * 1000)
    },
  }
}

const timedOut = (ms: number) => Object.assign(new Error(`LiveKit did not answer within ${ms / 1000} s`), { name: 'TimeoutError', code: 'ETIMEDOUT' })

// A connection failure names its code, never LiveKit's address: functions pass the message on in
// their 503 answers. The original error stays as the cause.
const unreachable = (error: NodeJS.ErrnoException) =>
  Object.assign(new Error(`LiveKit could not be reached (${error.code ?? error.message})`, { cause: error }), { code: error.code })

// A 2xx is the method's JSON answer; anything else is a Twirp error, read as the SDK reads it.
const answer = (response: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    let text = ''
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => (text += chunk))
    response.on('error', reject)
    response.on('end', () => {
      const status = response.statusCode ?? 0
      if (status >= 200 && status < 300) return resolve(JSON.parse(text))
      const error = response.headers['content-type']?.startsWith('application/json') ? twirpError(text) : {}
      reject(new ServerError(response.statusMessage ?? '', error.msg ?? (text || 'Unknown internal error'), status, error.code, error.meta))
    })
  })

function twirpError(text: string): { msg?: string; code?: string; meta?: Record<string, string> } {
  try {
    return JSON.parse(text)
  } catch {
    return {} // not Twirp's JSON after all: the text is the message
  }
}

/**
 * Sends a LiveKit client's calls over `transport`. The SDK keeps its transport in the private
 * field `rpc` (TwirpRpc, set in each client's constructor); if an update renames it, start-up
 * fails here rather than quietly going back to fetch.
 */
export function sendOver<Client extends object>(client: Client, transport: TwirpTransport): Client {
  if (!('rpc' in client)) throw new Error(`livekit-server-sdk's ${client.constructor.name} has no rpc field: the runtime's LiveKit transport needs updating`)
  Object.assign(client, { rpc: transport })
  return client
}
