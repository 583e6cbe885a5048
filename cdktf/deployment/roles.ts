import type { Inputs } from '../inputs/schema.ts'
import { nodePrivateIp } from './addresses.ts'
import { mediaNodePorts, primaryClusterPorts, publicPorts, recorderPorts, type PublicPort } from './ports.ts'

// What an instance runs (docs/scaling.md): the primary keeps Caddy, the site, the runtime,
// PostgreSQL, Redis, LiveKit and Egress; a media node runs LiveKit only; a recorder Egress only.
export type Role = 'primary' | 'media' | 'recorder'

export interface ExtraNode {
  role: 'media' | 'recorder'
  index: number
  /** construct id and Terraform name: media_node_0, recorder_1, … */
  id: string
  displayName: string
  privateIp: string
  shape: string
  ocpus: number
  memoryInGbs: number
}

export function extraNodes(inputs: Inputs): ExtraNode[] {
  const media = Array.from({ length: inputs.mediaNodes }, (_, index): ExtraNode => ({
    role: 'media',
    index,
    id: `media_node_${index}`,
    displayName: `${inputs.name}-media-${index}`,
    privateIp: nodePrivateIp('media', index),
    shape: inputs.mediaNodeShape,
    ocpus: inputs.mediaNodeOcpus,
    memoryInGbs: inputs.mediaNodeMemoryInGbs,
  }))
  const recorders = Array.from({ length: inputs.recorders }, (_, index): ExtraNode => ({
    role: 'recorder',
    index,
    id: `recorder_${index}`,
    displayName: `${inputs.name}-recorder-${index}`,
    privateIp: nodePrivateIp('recorder', index),
    shape: inputs.recorderShape,
    ocpus: inputs.recorderOcpus,
    memoryInGbs: inputs.recorderMemoryInGbs,
  }))
  return [...media, ...recorders]
}

export const isCluster = (inputs: Inputs) => inputs.mediaNodes + inputs.recorders > 0

// The ports each role's instance firewall opens (the security lists open the same).
export function rolePorts(role: Role, cluster: boolean): PublicPort[] {
  if (role === 'media') return mediaNodePorts
  if (role === 'recorder') return recorderPorts
  return cluster ? [...publicPorts, ...primaryClusterPorts] : publicPorts
}

// Compose profiles of each role. compose.node.yaml moves every service but livekit and egress
// into the `primary` profile, so a node starts exactly its own: LiveKit on a media node (and
// Egress beside it with MEDIA_NODE_EGRESS), Egress on a recorder.
export function composeProfiles(role: Role, inputs: Inputs): string {
  if (role === 'media') return inputs.mediaNodeEgress ? 'media,recorder' : 'media'
  return role === 'recorder' ? 'recorder' : 'production'
}
