import { vcnCidr } from '../deployment/addresses.ts'
import type { PublicPort } from '../deployment/ports.ts'

// The ports file meet-firewall reads: protocol, port or first:last, name, and for ports the VCN
// alone may reach, the source CIDR.
export function renderFirewallPorts(ports: PublicPort[]): string {
  return ports
    .map(({ protocol, min, max, name, vcnOnly }) => `${protocol} ${min === max ? min : `${min}:${max}`} ${name}${vcnOnly ? ` ${vcnCidr}` : ''}\n`)
    .join('')
}
