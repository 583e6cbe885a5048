import type { PublicPort } from '../deployment/ports.ts'

// The ports file meet-firewall reads: protocol, port or first:last, name.
export function renderFirewallPorts(ports: PublicPort[]): string {
  return ports.map(({ protocol, min, max, name }) => `${protocol} ${min === max ? min : `${min}:${max}`} ${name}\n`).join('')
}
