import { execFile } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { startLivekit, type LivekitHandle } from '../../../native/livekit.ts'
import { requireExecutable } from '../../../native/executable.ts'
import { startCaddyL4, type RunningCaddyL4 } from '../../support/caddy-l4.ts'
import { livekitTurnCredentials } from '../../support/livekit-turn.ts'
import { useServices } from '../../support/services.ts'
import { eventually } from '../../support/eventually.ts'

// TURN over TLS on the HTTPS port: the repository's Caddyfile.local in Caddy with layer4 routes the
// TURN name's TLS connections to LiveKit's TURN listener and every other name to HTTPS.
const TURN_DOMAIN = 'turn.meet.test'
let livekit: LivekitHandle
let caddy: RunningCaddyL4
let site: Server
let httpsPort: number
let rootCa: string
const keys = { key: useServices().livekitKey, secret: useServices().livekitSecret }

beforeAll(async () => {
  const relayStart = 30000 + Math.floor(Math.random() * 100) * 50
  const turnPort = await freePort()
  livekit = await startLivekit({
    port: await freePort(),
    keys,
    turn: { domain: TURN_DOMAIN, tlsPort: turnPort, relayPorts: { start: relayStart, end: relayStart + 49 } },
    configDir: await mkdtemp(join(tmpdir(), 'meet-livekit-turn-')),
  })
  const sitePort = await freePort()
  site = createServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 8\r\nconnection: close\r\n\r\nthe site')).listen(sitePort, '127.0.0.1')
  caddy = await startCaddyL4({ turnDomain: TURN_DOMAIN, livekitHost: new URL(livekit.httpUrl).host, turnPort, siteUpstream: `127.0.0.1:${sitePort}` })
  httpsPort = caddy.httpsPort
  rootCa = await waitForFile(join(caddy.home, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt'))
})

afterAll(async () => {
  await caddy?.stop()
  site?.close()
  await livekit?.stop()
})

describe('TURN over TLS and HTTPS on one port (Caddy layer4)', () => {
  test('the TURN name gets a certificate for that name, and HTTPS keeps serving the site on the same port', async () => {
    // Caddy's internal CA issues the name's certificate just after start.
    const turnCert = await eventually(
      () => peerCertificate(TURN_DOMAIN).catch(() => undefined),
      (cert) => cert !== undefined,
    )
    expect(turnCert!.subjectaltname).toContain(`DNS:${TURN_DOMAIN}`)
    const answer = await httpsGet('localhost', '/')
    expect(answer).toEqual({ status: 200, body: 'the site' })
  })

  test("coturn's turnutils_uclient allocates a relay on LiveKit's TURN server through the shared port and gets its packets back", async () => {
    // turnutils_uclient sends no TLS server name, so a small bridge speaks TLS for it with
    // SNI turn.meet.test, as browsers do; the TURN exchange itself is the real client's.
    const bridge = await tlsBridge(TURN_DOMAIN)
    try {
      const { username, password } = livekitTurnCredentials(keys.key, keys.secret)
      // -t TCP to the TURN server, -y two clients relaying to each other, -n packets per client.
      const output = await uclient(['-t', '-y', '-n', '20', '-p', String(bridge.port), '-u', username, '-w', password, '127.0.0.1'])
      const totals = relayTotals(output)
      // Two clients, 20 packets each, both ways through their relays.
      expect(totals, output).toEqual({ sent: 80, received: 80, lost: 0 })
    } finally {
      bridge.close()
    }
  })

  test('a TURN login with a wrong password is refused', async () => {
    const bridge = await tlsBridge(TURN_DOMAIN)
    try {
      const { username } = livekitTurnCredentials(keys.key, keys.secret)
      const output = await uclient(['-t', '-y', '-n', '2', '-p', String(bridge.port), '-u', username, '-w', 'not-the-password', '127.0.0.1'])
      // LiveKit's TURN server (pion) answers a bad message integrity with 400, an unknown user with 401.
      expect(output).toMatch(/error (400|401)/)
      expect(relayTotals(output).received).toBe(0)
    } finally {
      bridge.close()
    }
  })
})

/** Everything turnutils_uclient printed, whatever its exit code. */
function uclient(args: string[]): Promise<string> {
  return promisify(execFile)(requireExecutable('turnutils_uclient'), args, { timeout: 30_000 }).then(
    ({ stdout, stderr }) => stdout + stderr,
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  )
}

/** turnutils_uclient's closing figures: messages sent and received by all clients, packets lost. */
function relayTotals(output: string) {
  const totals = /tot_send_msgs=(\d+), tot_recv_msgs=(\d+)\n/.exec(output)
  const lost = /Total lost packets (\d+)/.exec(output)
  return { sent: Number(totals?.[1] ?? 0), received: Number(totals?.[2] ?? 0), lost: Number(lost?.[1] ?? NaN) }
}

async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const content = await readFile(path, 'utf8').catch(() => undefined)
    if (content) return content
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${path} never appeared`)
}

function peerCertificate(servername: string) {
  return new Promise<ReturnType<ReturnType<typeof tlsConnect>['getPeerCertificate']>>((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port: httpsPort, servername, ca: rootCa }, () => {
      resolve(socket.getPeerCertificate())
      socket.end()
    })
    socket.on('error', reject)
  })
}

function httpsGet(servername: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: httpsPort, path, servername, headers: { host: servername }, ca: rootCa }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Plain TCP in, TLS with `servername` out to Caddy's HTTPS port (verified against Caddy's CA). */
async function tlsBridge(servername: string): Promise<{ port: number; close(): void }> {
  const server = createServer((client) => {
    const upstream = tlsConnect({ host: '127.0.0.1', port: httpsPort, servername, ca: rootCa })
    client.pipe(upstream).pipe(client)
    const close = () => (client.destroy(), upstream.destroy())
    client.on('error', close)
    upstream.on('error', close)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { port, close: () => server.close() }
}
