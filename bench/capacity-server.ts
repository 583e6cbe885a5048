import { mkdtemp, rm } from 'node:fs/promises'
import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomInt } from 'node:crypto'
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk'
import { livekitBinary, startLivekit } from '../native/livekit.ts'
import { freePort } from '../native/free-port.ts'
import { pinToServerCore } from './pin.ts'

export interface CapacityServer {
  url: string
  /** livekit-server's process id, for its CPU time */
  pid: number
  pinned: boolean
  /** Opens a room, as the runtime does for a meeting: joins create none (livekit.yaml's auto_create: false). */
  createRoom(name: string): Promise<void>
  token(room: string, identity: string): Promise<string>
  stop(): Promise<void>
}

const keys = { key: 'capacity', secret: 'capacity-bench-secret-at-least-32-characters' }

/** The real livekit-server, single node, moved onto the server core once it answers. */
export async function startCapacityServer(): Promise<CapacityServer> {
  const configDir = await mkdtemp(join(tmpdir(), 'meet-capacity-'))
  // Two peer connections per participant; a range of its own keeps other servers on this machine out of the way.
  const udpStart = 20000 + randomInt(0, 10) * 1000
  const livekit = await startLivekit({ port: await freePort(), keys, configDir, udpPortRange: { start: udpStart, end: udpStart + 999 } })
  const pid = childRunning(livekitBinary())
  return {
    url: livekit.url,
    pid,
    pinned: pinToServerCore(pid),
    async createRoom(name) {
      await new RoomServiceClient(livekit.httpUrl, keys.key, keys.secret).createRoom({ name })
    },
    async token(room, identity) {
      const token = new AccessToken(keys.key, keys.secret, { identity, ttl: '1h' })
      token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true })
      return token.toJwt()
    },
    async stop() {
      await livekit.stop()
      await rm(configDir, { recursive: true, force: true })
    },
  }
}

// startLivekit keeps its child to itself; setpriv execs into the binary, so the child is livekit-server.
function childRunning(executable: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const argv0 = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0]
      if (ppid === process.pid && argv0 === executable) return Number(entry)
    } catch {
      // the process ended while being read
    }
  }
  throw new Error(`no ${executable} child of this process`)
}
