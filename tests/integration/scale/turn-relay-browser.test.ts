import { createServer, type Server } from 'node:http'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { startLivekit, type LivekitHandle } from '../../../native/livekit.ts'
import { startCaddyL4, type RunningCaddyL4 } from '../../support/caddy-l4.ts'
import { livekitTurnCredentials } from '../../support/livekit-turn.ts'
import { useServices } from '../../support/services.ts'
import { launchChromium } from '../site/support/browser.ts'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'

// Two browsers that may reach the meeting through one TCP port only, as behind a firewall that
// lets nothing but 443 out: signalling is wss through Caddy, and media may use no route but the
// TURN server behind Caddy's layer4 route on that same port (iceTransportPolicy 'relay', that
// TURN server alone, over TLS). Each must then see and hear the other.
const TURN_DOMAIN = 'turn.meet.test'
const roomName = 'behind-the-firewall'
const keys = { key: useServices().livekitKey, secret: useServices().livekitSecret }
let livekit: LivekitHandle
let caddy: RunningCaddyL4
let pageServer: Server
let pageUrl: string
let httpsPort: number
let browser: Browser

// The page: livekit-client from node_modules, and every RTCPeerConnection kept for getStats.
const pageHtml = `<!doctype html><meta charset="utf-8"><title>relay</title>
<script>
  window.peerConnections = []
  const Native = window.RTCPeerConnection
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.peerConnections.push(this) }
  }
</script>
<script type="module">
  import { Room, RoomEvent } from '/livekit-client.esm.mjs'
  window.join = async (url, token, turn) => {
    const room = new Room()
    window.room = room
    await room.connect(url, token, { rtcConfig: { iceTransportPolicy: 'relay', iceServers: [turn] } })
    await room.localParticipant.setMicrophoneEnabled(true)
    await room.localParticipant.setCameraEnabled(true, { resolution: { width: 320, height: 180, frameRate: 15 } })
  }
  window.ready = true
</script>`

beforeAll(async () => {
  const relayStart = 30000 + Math.floor(Math.random() * 100) * 50
  const turnPort = await freePort()
  livekit = await startLivekit({
    port: await freePort(),
    keys,
    turn: { domain: TURN_DOMAIN, tlsPort: turnPort, relayPorts: { start: relayStart, end: relayStart + 49 } },
    configDir: await mkdtemp(join(tmpdir(), 'meet-livekit-relay-')),
  })
  const clientBundle = await readFile(join(repoRoot, 'node_modules/livekit-client/dist/livekit-client.esm.mjs'))
  pageServer = createServer((request, response) => {
    if (request.url === '/livekit-client.esm.mjs') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(clientBundle)
    response.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml)
  })
  const pagePort = await freePort()
  await new Promise<void>((resolve) => pageServer.listen(pagePort, '127.0.0.1', resolve))
  pageUrl = `http://127.0.0.1:${pagePort}/`
  caddy = await startCaddyL4({ turnDomain: TURN_DOMAIN, livekitHost: new URL(livekit.httpUrl).host, turnPort, readyName: TURN_DOMAIN })
  httpsPort = caddy.httpsPort
  // Caddy's certificates come from its internal CA; the TURN name resolves to this machine.
  browser = await launchChromium({ extraArgs: ['--ignore-certificate-errors', `--host-resolver-rules=MAP ${TURN_DOMAIN} 127.0.0.1`] })
  await new RoomServiceClient(livekit.httpUrl, keys.key, keys.secret).createRoom({ name: roomName })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await caddy?.stop()
  pageServer?.close()
  await livekit?.stop()
})

async function tokenFor(identity: string) {
  const token = new AccessToken(keys.key, keys.secret, { identity, ttl: '10m' })
  token.addGrant({ room: roomName, roomJoin: true, canPublish: true, canSubscribe: true })
  return token.toJwt()
}

// The page names the TURN server itself (its port here is not 443, which is what LiveKit's join
// answer advertises), with credentials LiveKit's TURN server derives from its API key and secret.
async function joinRoom(page: Page, identity: string) {
  await page.goto(pageUrl)
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
  const signalling = `wss://localhost:${httpsPort}`
  const turnUrl = `turns:${TURN_DOMAIN}:${httpsPort}?transport=tcp`
  const { username, password: credential } = livekitTurnCredentials(keys.key, keys.secret, `PA_${identity}`)
  const turn: RTCIceServer = { urls: [turnUrl], username, credential }
  const token = await tokenFor(identity)
  await page.evaluate(
    ({ url, token, turn }) => (window as unknown as { join: (u: string, t: string, s: RTCIceServer) => Promise<void> }).join(url, token, turn),
    { url: signalling, token, turn },
  )
}

/** What the page's own connection reports: every candidate pair in use, and media received. */
function transportStats(page: Page) {
  return page.evaluate(async () => {
    const pairs: { localType: string; relayProtocol?: string; url?: string }[] = []
    const received: Record<string, number> = { audio: 0, video: 0 }
    for (const pc of (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections) {
      const stats = [...(await pc.getStats()).values()] as Record<string, any>[]
      const byId = new Map(stats.map((entry) => [entry.id, entry]))
      for (const entry of stats) {
        if (entry.type === 'candidate-pair' && entry.state === 'succeeded' && entry.nominated) {
          const local = byId.get(entry.localCandidateId)!
          pairs.push({ localType: local.candidateType, relayProtocol: local.relayProtocol, url: local.url })
        }
        if (entry.type === 'inbound-rtp') received[entry.kind] += entry.bytesReceived ?? 0
      }
    }
    return { pairs, received }
  })
}

describe('media through TURN over TLS on the HTTPS port only (Caddy layer4 → LiveKit TURN)', () => {
  test('two browsers limited to that relay receive each other’s audio and video through it', async () => {
    const [ada, bob] = await Promise.all([browser.newPage(), browser.newPage()])
    await joinRoom(ada, 'ada')
    await joinRoom(bob, 'bob')
    const flowing = async (page: Page) => {
      for (let attempt = 0; attempt < 120; attempt++) {
        const stats = await transportStats(page)
        if (stats.received.audio > 2_000 && stats.received.video > 20_000) return stats
        await page.waitForTimeout(500)
      }
      return transportStats(page)
    }
    for (const page of [ada, bob]) {
      const { pairs, received } = await flowing(page)
      expect(received.audio, 'audio bytes received').toBeGreaterThan(2_000)
      expect(received.video, 'video bytes received').toBeGreaterThan(20_000)
      // Every transport in use starts at a relay candidate allocated over TLS on the shared port.
      expect(pairs.length).toBeGreaterThan(0)
      for (const pair of pairs) expect(pair).toEqual({ localType: 'relay', relayProtocol: 'tls', url: `turns:${TURN_DOMAIN}:${httpsPort}?transport=tcp` })
    }
    // And each sees the other in the room.
    const names = (page: Page) =>
      page.evaluate(() => [...(window as unknown as { room: { remoteParticipants: Map<string, unknown> } }).room.remoteParticipants.keys()])
    expect(await names(ada)).toEqual(['bob'])
    expect(await names(bob)).toEqual(['ada'])
  }, 120_000)
})
