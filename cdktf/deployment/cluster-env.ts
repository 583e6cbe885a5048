import type { ExtraNode } from './roles.ts'

// The primary's part of a deployment with media nodes or recorders (metadata meet_cluster_env,
// read by meet-env at every start): compose.primary.yaml, and Caddy's signalling upstreams, its
// own LiveKit first and then every media node's private port 7880.
export function primaryClusterEnv(nodes: ExtraNode[]): string | undefined {
  if (!nodes.length) return undefined
  const upstreams = ['livekit:7880', ...nodes.filter((node) => node.role === 'media').map((node) => `${node.privateIp}:7880`)]
  return ['MEET_CLUSTER=1', 'COMPOSE_FILE=compose.yaml:compose.primary.yaml', `LIVEKIT_UPSTREAM=${upstreams.join(' ')}`].join('\n')
}
