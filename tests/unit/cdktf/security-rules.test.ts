import { describe, expect, test } from 'vitest'
import { synthWith } from './support/synth.ts'

interface Rule {
  protocol: string
  source: string
  tcp_options?: { min: number; max: number }
  udp_options?: { min: number; max: number }
  icmp_options?: { type: number; code: number }
}

const opened = (rules: Rule[]) =>
  rules
    .filter((rule) => rule.protocol !== '1')
    .map((rule) => {
      const ports = rule.tcp_options ?? rule.udp_options
      return `${rule.protocol === '6' ? 'tcp' : rule.protocol === '17' ? 'udp' : rule.protocol} ${ports ? `${ports.min}-${ports.max}` : 'any'} from ${rule.source}`
    })
    .sort()

describe('security list', () => {
  const securityList = (adminCidr = '203.0.113.7/32') => synthWith({ ADMIN_CIDR: adminCidr }).tf.resource.oci_core_security_list.security_list

  test('opens exactly 80, 443 and 7881 TCP, 3478 UDP and the WebRTC UDP range to everyone, and SSH to the administrator only', () => {
    expect(opened(securityList().ingress_security_rules)).toEqual(
      [
        'tcp 80-80 from 0.0.0.0/0',
        'tcp 443-443 from 0.0.0.0/0',
        'tcp 7881-7881 from 0.0.0.0/0',
        'udp 3478-3478 from 0.0.0.0/0',
        'udp 50000-60000 from 0.0.0.0/0',
        'tcp 22-22 from 203.0.113.7/32',
      ].sort(),
    )
  })

  test('SSH follows ADMIN_CIDR', () => {
    expect(opened(securityList('198.51.100.0/24').ingress_security_rules)).toContain('tcp 22-22 from 198.51.100.0/24')
    expect(opened(securityList('198.51.100.0/24').ingress_security_rules)).not.toContain('tcp 22-22 from 0.0.0.0/0')
  })

  test('PostgreSQL (5432), Redis (6379), the API (3001) and LiveKit HTTP (7880) are not reachable from outside', () => {
    for (const rule of securityList().ingress_security_rules as Rule[]) {
      const ports = rule.tcp_options ?? rule.udp_options
      if (!ports) {
        expect(rule.protocol, 'a rule without ports is ICMP').toBe('1')
        continue
      }
      for (const port of [5432, 6379, 3001, 7880]) expect(port >= ports.min && port <= ports.max, `${port} in ${ports.min}-${ports.max}`).toBe(false)
    }
  })

  test('the only other ingress rule is ICMP "fragmentation needed", which path MTU discovery depends on', () => {
    const icmp = (securityList().ingress_security_rules as Rule[]).filter((rule) => rule.protocol === '1')
    expect(icmp).toEqual([expect.objectContaining({ source: '0.0.0.0/0', icmp_options: { type: 3, code: 4 } })])
  })

  test('stateful rules, so replies to outbound traffic come back; all egress allowed', () => {
    const list = securityList()
    expect(list.ingress_security_rules.every((rule: { stateless: boolean }) => rule.stateless === false)).toBe(true)
    expect(list.egress_security_rules).toEqual([{ protocol: 'all', destination: '0.0.0.0/0', destination_type: 'CIDR_BLOCK', description: 'all outbound' }])
  })
})
