export interface PublicPort {
  protocol: 'tcp' | 'udp'
  min: number
  max: number
  // One word: it names the iptables rule too.
  name: string
  description: string
  /** Reachable from the deployment's own network only (its VCN), never from the internet. */
  vcnOnly?: true
}

const http: PublicPort = { protocol: 'tcp', min: 80, max: 80, name: 'http', description: 'HTTP: ACME challenges and the redirect to HTTPS' }
const https: PublicPort = {
  protocol: 'tcp',
  min: 443,
  max: 443,
  name: 'https',
  description: 'HTTPS: site, API, LiveKit signalling and TURN over TLS through Caddy',
}
const webrtcTcp: PublicPort = { protocol: 'tcp', min: 7881, max: 7881, name: 'webrtc-tcp', description: 'LiveKit WebRTC over TCP' }
const turnUdp: PublicPort = { protocol: 'udp', min: 3478, max: 3478, name: 'turn-udp', description: 'LiveKit TURN over UDP' }
const webrtcUdp: PublicPort = { protocol: 'udp', min: 50000, max: 60000, name: 'webrtc-udp', description: 'LiveKit WebRTC media (UDP range)' }
const media = [webrtcTcp, turnUdp, webrtcUdp]

// Everything the world may reach on the primary. PostgreSQL, Redis and the runtime stay inside.
export const publicPorts: PublicPort[] = [http, https, ...media]

// With media nodes or recorders, the primary's Redis and the runtime's webhook endpoint are
// reached by the other instances, over the VCN only.
export const primaryClusterPorts: PublicPort[] = [
  { protocol: 'tcp', min: 6379, max: 6379, name: 'redis', description: 'Redis (password) for the media nodes and recorders', vcnOnly: true },
  { protocol: 'tcp', min: 3001, max: 3001, name: 'webhooks', description: "the runtime, for LiveKit's webhooks from the media nodes", vcnOnly: true },
]

// A media node takes media straight from browsers; its signalling arrives from Caddy on the primary.
export const mediaNodePorts: PublicPort[] = [
  ...media,
  { protocol: 'tcp', min: 7880, max: 7880, name: 'livekit', description: "LiveKit signalling, from the primary's Caddy", vcnOnly: true },
]

// A recorder only connects out (Redis, LiveKit, Object Storage).
export const recorderPorts: PublicPort[] = []

export const sshPort = 22
