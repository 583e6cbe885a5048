// The VCN, the primary's subnet (as deployed before media nodes existed: its instance keeps the
// address DHCP gave it), and a subnet for the other instances, where every address is chosen
// here, so the primary's Caddy can list the nodes at synth time.
export const vcnCidr = '10.0.0.0/16'
export const subnetCidr = '10.0.1.0/24'
export const nodeSubnetCidr = '10.0.2.0/24'

const maxNodesPerRole = 20
const firstAddress = { media: 10, recorder: 10 + maxNodesPerRole } as const

export function nodePrivateIp(role: keyof typeof firstAddress, index: number): string {
  return `10.0.2.${firstAddress[role] + index}`
}
