import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { mkdtemp, readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { AccessToken } from 'livekit-server-sdk'
import { freePort } from '../../../native/free-port.ts'
import { startServiceProcess, type ServiceProcess } from '../../../native/process.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { useServices } from '../../support/services.ts'
import { readCompose, repoRoot } from '../../unit/stack/support/stack-files.ts'
import { runHealthCheck } from './support/run-healthcheck.ts'
import { caddyBinary, caddyReady } from '../../support/caddy-l4.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { sendBody, type BodyShape } from '../../support/body-probes.ts'
import { createTally, recordFigure } from '../../support/figures.ts'

// Issue 11, finding 4: Caddy passed bodies of any size on; it now refuses those well over the
// runtime's limit itself (request_body max_size 2MB, the runtime's default limit being 1 MiB).
const CADDY_LIMIT = 2_000_000
const tally = createTally()
afterAll(() =>
  recordFigure('probe-body-sizes-caddy', {
    area: 'Probed from outside',
    probe: 'body sizes',
    scenario:
      "through the real Caddy (Caddyfile and Caddyfile.local): bodies over its 2 MB limit, chunked and with a length, to /api and to the site; a body between the runtime's 1 MiB and Caddy's limit",
    checked: "Caddy answers 413 itself and the runtime never sees the request; below Caddy's limit the runtime's own 413 JSON reaches the client",
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
  }),
)

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

// Requests go to 127.0.0.1 but name `localhost`, the site Caddy serves; TLS is checked
// against the root of Caddy's internal CA.
function get(
  url: string,
  ca?: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const { protocol, port, pathname, search } = new URL(url)
  const send = protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(
      { host: '127.0.0.1', port, path: pathname + search, method, headers: { host: `localhost:${port}`, ...headers }, servername: 'localhost', ca },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

// LiveKit's server API tried from outside with a key holder's token: whatever the token, it must
// never reach LiveKit through the front door.
const serverApi = createTally()
afterAll(() =>
  recordFigure('probe-grants-caddy', {
    area: 'Probed from outside',
    probe: 'grants',
    scenario: `LiveKit's server API (/twirp/…) called through the real Caddy (Caddyfile and Caddyfile.local) with a token carrying every room right`,
    checked: 'no /twirp request reaches LiveKit (the site answers instead); /rtc signalling still does',
    requests: serverApi.requests,
    errors: serverApi.breaches,
    rowsLost: 0,
  }),
)

describe.each(['Caddyfile', 'Caddyfile.local'])('the real Caddy with %s, on loopback with internal TLS', (file) => {
  let runtime: RunningRuntime
  let caddy: ServiceProcess
  let site: Server
  let siteRequests = 0
  let ports: { http: number; https: number }
  let ca: string
  let admin: number

  beforeAll(async () => {
    runtime = await startRuntime(useServices())
    const sitePort = await freePort()
    // Stands in for the site, with one of its page headers (the real one sends them all); like the
    // real site, it reads a request's body before it answers.
    site = createServer((req, res) => (siteRequests++, req.resume().on('end', () => res.setHeader('x-frame-options', 'DENY').end('the site')))).listen(
      sitePort,
      '127.0.0.1',
    )
    ports = { http: await freePort(), https: await freePort() }
    const data = await mkdtemp(join(tmpdir(), 'meet-caddy-'))
    admin = await freePort()
    caddy = await startServiceProcess({
      name: 'caddy',
      command: caddyBinary,
      args: ['run', '--config', join(repoRoot, file), '--adapter', 'caddyfile'],
      env: {
        PATH: process.env.PATH,
        HOME: data,
        XDG_DATA_HOME: join(data, 'data'),
        XDG_CONFIG_HOME: join(data, 'config'),
        // `localhost` gets a certificate from Caddy's internal CA, never from Let's Encrypt.
        DOMAIN: 'localhost',
        ACME_EMAIL: 'ops@example.com',
        CADDY_HTTP_PORT: String(ports.http),
        CADDY_HTTPS_PORT: String(ports.https),
        // As in the image: the admin API on localhost, which the health check reaches as 127.0.0.1.
        CADDY_ADMIN: `localhost:${admin}`,
        RUNTIME_UPSTREAM: new URL(runtime.url).host,
        SITE_UPSTREAM: `127.0.0.1:${sitePort}`,
        LIVEKIT_UPSTREAM: new URL(useServices().livekitHttpUrl).host,
      },
      ready: () => caddyReady(admin, ports.https),
    })
    const rootCert = join(data, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt')
    for (let attempt = 0; !ca; attempt++) {
      ca = await readFile(rootCert, 'utf8').catch((error) => (attempt > 100 ? Promise.reject(error) : new Promise((r) => setTimeout(() => r(''), 100))))
    }
  })

  afterAll(async () => {
    await caddy?.stop()
    await runtime?.stop()
    site?.close()
  })

  test('proxies /api/health to the runtime over HTTPS, with the /api prefix stripped', async () => {
    const answer = await get(`https://localhost:${ports.https}/api/health/live`, ca)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ status: expect.any(String) })
  })

  test('serves the site for every other path', async () => {
    const answer = await get(`https://localhost:${ports.https}/rooms/abc`, ca)
    expect(answer.body).toBe('the site')
  })

  test("proxies LiveKit's signalling", async () => {
    const answer = await get(`https://localhost:${ports.https}/rtc/validate`, ca)
    // LiveKit itself answers: a request without a token is refused by LiveKit, not by Caddy or the site.
    expect(answer.status).toBe(401)
    expect(answer.body).not.toBe('the site')
    // And a browser's token from /token is accepted there.
    const visitor = new ApiClient(runtime.url)
    await visitor.post('/meetings', { roomName: `caddy-${file.replace('.', '-').toLowerCase()}` })
    const { body: token } = await visitor.post('/token', { roomName: `caddy-${file.replace('.', '-').toLowerCase()}` })
    const valid = await get(`https://localhost:${ports.https}/rtc/validate?access_token=${token.participantToken}`, ca)
    expect(serverApi.count(valid.status === 200 && valid.body !== 'the site')).toBe(true)
  })

  test("does not publish LiveKit's server API", async () => {
    const { livekitKey, livekitSecret } = useServices()
    const keyHolder = new AccessToken(livekitKey, livekitSecret, { identity: 'outsider' })
    keyHolder.addGrant({ roomList: true, roomCreate: true, roomAdmin: true, roomRecord: true, room: 'caddy-probe' })
    const authorization = `Bearer ${await keyHolder.toJwt()}`
    for (const [service, method] of [
      ['RoomService', 'ListRooms'],
      ['RoomService', 'CreateRoom'],
      ['RoomService', 'DeleteRoom'],
      ['Egress', 'ListEgress'],
      ['Egress', 'StartWebEgress'],
    ]) {
      const answer = await get(`https://localhost:${ports.https}/twirp/livekit.${service}/${method}`, ca, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'caddy-probe', room: 'caddy-probe', room_name: 'caddy-probe', url: 'http://example.com/' }),
      })
      // Only the site stub answers "the site": the request went nowhere near LiveKit.
      expect(serverApi.count(answer.body === 'the site'), `${service}.${method} reached LiveKit: ${answer.status} ${answer.body.slice(0, 120)}`).toBe(true)
    }
  })

  // A declared length is refused before anything is forwarded (sent with Expect: 100-continue, as
  // curl does: Caddy closes a connection whose unread body it refused, which may cost a client that
  // keeps sending the answer); a chunked body is forwarded as it arrives (the upstream counts too)
  // and cut off at the limit, so the upstream sees its start only.
  test.each<[BodyShape, string]>([
    ['long-length', '/api/meetings'],
    ['chunked', '/api/meetings'],
    ['long-length', '/new'],
    ['chunked', '/new'],
  ])('a %s body over its limit to %s is refused by Caddy itself', async (shape, path) => {
    const seen = () =>
      path === '/new'
        ? siteRequests
        : runtime
            .output()
            .split('\n')
            .filter((line) => line.includes('POST /meetings')).length
    const before = seen()
    // keepAlive, as browsers send: Caddy (Go's server) reads on past a refused chunked body on a
    // kept-alive connection, but closes a `Connection: close` one at once, and the reset that meets a
    // client still sending loses it the 413.
    const answer = await sendBody(`https://localhost:${ports.https}`, 'POST', path, shape, CADDY_LIMIT * 3, {
      ca,
      expectContinue: shape === 'long-length',
      keepAlive: shape === 'chunked',
    })
    const unseen = shape === 'chunked' || seen() === before
    tally.count(answer.status === 413 && unseen)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toEqual({ error: 'payload_too_large', message: 'The request body is larger than this server accepts (2 MB)' })
    expect(unseen, 'the upstream received the request').toBe(true)
  })

  test("a body over the runtime's limit but under Caddy's: the runtime's 413 JSON reaches the client", async () => {
    const answer = await sendBody(`https://localhost:${ports.https}`, 'POST', '/api/meetings', 'long-length', 1_500_000, { ca })
    tally.count(answer.status === 413)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'payload_too_large' })
  })

  test("compose.yaml's health check finds the admin API", () => {
    expect(runHealthCheck(readCompose().services.caddy, { port: { container: 2019, native: admin } })).toBe(0)
  })

  test('redirects HTTP to HTTPS', async () => {
    const answer = await get(`http://localhost:${ports.http}/api/health/live`)
    expect(answer.status).toBe(308)
    // Caddy 2.6 names no port in the Location; in production HTTPS is on 443 anyway.
    expect(answer.headers.location).toMatch(new RegExp(`^https://localhost(:${ports.https})?/api/health/live$`))
  })

  test('sends HSTS and hides the server; page and API headers are the upstreams’ own, passed on once and unchanged', async () => {
    const page = await get(`https://localhost:${ports.https}/`, ca)
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/)
    expect(page.headers.server).toBeUndefined()
    // Caddy adds none of the page headers: the site sends them (with its CSP), so nothing is doubled.
    expect(page.headers['x-frame-options']).toBe('DENY')
    for (const name of ['x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'content-security-policy'])
      expect(page.headers[name], name).toBeUndefined()
    // The runtime's stricter API set arrives as the runtime wrote it.
    const api = await get(`https://localhost:${ports.https}/api/health/live`, ca)
    expect(api.headers).toMatchObject({ 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' })
    expect(api.headers.server).toBeUndefined()
  })
})
