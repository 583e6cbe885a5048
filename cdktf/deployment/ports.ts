export interface PublicPort {
  protocol: 'tcp' | 'udp'
  min: number
  max: number
  // One word: it names the iptables rule too.
  name: string
  description: string
}

// Everything the world may reach. PostgreSQL, Redis and the runtime stay inside the instance.
export const publicPorts: PublicPort[] = [
  { protocol: 'tcp', min: 80, max: 80, name: 'http', description: 'HTTP: ACME challenges and the redirect to HTTPS' },
  { protocol: 'tcp', min: 443, max: 443, name: 'https', description: 'HTTPS: site, API and LiveKit signalling through Caddy' },
  { protocol: 'tcp', min: 7881, max: 7881, name: 'webrtc-tcp', description: 'LiveKit WebRTC over TCP' },
  { protocol: 'udp', min: 3478, max: 3478, name: 'turn-udp', description: 'LiveKit TURN over UDP' },
  { protocol: 'udp', min: 50000, max: 60000, name: 'webrtc-udp', description: 'LiveKit WebRTC media (UDP range)' },
]

export const sshPort = 22
