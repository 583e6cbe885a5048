import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { cacheDir } from './cache-dir.ts'
import { freePort } from './free-port.ts'
import { startServiceProcess, type ServiceProcessOptions } from './process.ts'
import { httpAnswers } from './probes.ts'

const livekitVersion = 'v1.13.5'

export interface LivekitOptions {
  port: number
  /** ICE over TCP; a free port when omitted. */
  rtcTcpPort?: number
  /** ICE over UDP; LiveKit's default 50000-60000 when omitted. */
  udpPortRange?: { start: number; end: number }
  keys: { key: string; secret: string }
  /** Signed with `keys.key`. */
  webhookUrls?: string[]
  /** Shares room state through Redis; single-node in memory when omitted. */
  redisUrl?: string
  /**
   * LiveKit's TURN server behind a TLS-terminating proxy (turn.external_tls), as Caddy's layer4
   * route runs it in production: plain TCP on `tlsPort`, advertised as turns:<domain>:443.
   */
  turn?: { domain: string; tlsPort: number; relayPorts: { start: number; end: number } }
  /** Where livekit.yaml is written. */
  configDir: string
  /** Serves Prometheus metrics on 127.0.0.1 at this port (livekit.yaml `prometheus_port`). */
  prometheusPort?: number
  onOutput?: ServiceProcessOptions['onOutput']
}

export interface LivekitHandle {
  /** ws://127.0.0.1:port for clients */
  url: string
  /** http://127.0.0.1:port for the server API (RoomServiceClient, …) */
  httpUrl: string
  stop: () => Promise<void>
}

/** The binary scripts/install-deps.sh builds (LIVEKIT_SERVER_BIN overrides). */
export function livekitBinary(): string {
  return process.env.LIVEKIT_SERVER_BIN ?? join(cacheDir(), 'bin', `livekit-server-${livekitVersion}`)
}

/** livekit-server on 127.0.0.1, announcing 127.0.0.1 as its ICE address. */
export async function startLivekit(options: LivekitOptions): Promise<LivekitHandle> {
  const configFile = join(options.configDir, 'livekit.yaml')
  await mkdir(options.configDir, { recursive: true })
  await writeFile(configFile, stringify(await livekitConfig(options)), { mode: 0o600 })
  const httpUrl = `http://127.0.0.1:${options.port}`
  const { stop } = await startServiceProcess({
    name: 'livekit-server',
    command: livekitBinary(),
    args: ['--config', configFile, '--bind', '127.0.0.1', '--node-ip', '127.0.0.1'],
    ready: () => httpAnswers(`${httpUrl}/`, 'OK'),
    onOutput: options.onOutput,
  })
  return { url: `ws://127.0.0.1:${options.port}`, httpUrl, stop }
}

async function livekitConfig(options: LivekitOptions) {
  const { key, secret } = options.keys
  return {
    port: options.port,
    rtc: {
      tcp_port: options.rtcTcpPort ?? (await freePort()),
      ...(options.udpPortRange && {
        port_range_start: options.udpPortRange.start,
        port_range_end: options.udpPortRange.end,
      }),
      use_external_ip: false,
      // Clients run on this machine and reach the server over loopback only.
      enable_loopback_candidate: true,
    },
    keys: { [key]: secret },
    ...(options.redisUrl && { redis: redisConfig(options.redisUrl) }),
    ...(options.turn && { turn: turnConfig(options.turn) }),
    ...(options.webhookUrls?.length && { webhook: { api_key: key, urls: options.webhookUrls } }),
    ...(options.prometheusPort && { prometheus_port: options.prometheusPort }),
    room: await productionRoomSettings(),
    logging: { level: 'info' },
  }
}

// Rooms behave as in production (no room created by a join: the runtime opens them), so the
// repository's livekit.yaml is the one place that says how.
async function productionRoomSettings(): Promise<Record<string, unknown>> {
  return (parse(await readFile(new URL('../livekit.yaml', import.meta.url), 'utf8')) as { room: Record<string, unknown> }).room
}

function redisConfig(redisUrl: string) {
  const url = new URL(redisUrl)
  return {
    address: `${url.hostname}:${url.port || 6379}`,
    ...(url.username && { username: decodeURIComponent(url.username) }),
    ...(url.password && { password: decodeURIComponent(url.password) }),
    ...(url.pathname.length > 1 && { db: Number(url.pathname.slice(1)) }),
  }
}

function turnConfig({ domain, tlsPort, relayPorts }: NonNullable<LivekitOptions['turn']>) {
  return {
    enabled: true,
    domain,
    tls_port: tlsPort,
    external_tls: true,
    udp_port: 0,
    relay_range_start: relayPorts.start,
    relay_range_end: relayPorts.end,
    // Everything here is on loopback, which LiveKit refuses as a relay peer unless allowed.
    allow_restricted_peer_cidrs: ['127.0.0.0/8'],
  }
}
