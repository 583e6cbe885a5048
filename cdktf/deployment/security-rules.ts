import type { IngressSecurityRule } from '../oci/security-list.ts'
import { vcnCidr } from './addresses.ts'
import { sshPort, type PublicPort } from './ports.ts'

const protocolNumber = { tcp: '6', udp: '17' } as const
const anywhere = '0.0.0.0/0'

// The given ports from anywhere (or from the VCN only, for vcnOnly ones), SSH from the
// administrator's CIDR only, and ICMP "fragmentation needed" so path MTU discovery works.
export function ingressRules(adminCidr: string, ports: PublicPort[]): IngressSecurityRule[] {
  const open = ports.map(({ protocol, min, max, description, vcnOnly }): IngressSecurityRule => ({
    protocol: protocolNumber[protocol],
    source: vcnOnly ? vcnCidr : anywhere,
    source_type: 'CIDR_BLOCK',
    stateless: false,
    description,
    [`${protocol}_options`]: { min, max },
  }))
  const ssh: IngressSecurityRule = {
    protocol: '6',
    source: adminCidr,
    source_type: 'CIDR_BLOCK',
    stateless: false,
    description: 'SSH from the administrator',
    tcp_options: { min: sshPort, max: sshPort },
  }
  const pathMtu: IngressSecurityRule = {
    protocol: '1',
    source: anywhere,
    source_type: 'CIDR_BLOCK',
    stateless: false,
    description: 'ICMP fragmentation needed (path MTU discovery)',
    icmp_options: { type: 3, code: 4 },
  }
  return [...open, ssh, pathMtu]
}
