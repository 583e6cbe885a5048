import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { isInternalAddress } from '../../../runtime/http/operator.ts'

const octet = fc.integer({ min: 0, max: 255 })
const ipv4 = fc.tuple(octet, octet, octet, octet)
const dotted = (parts: number[]) => parts.join('.')
const isPrivate = ([a, b]: number[]) => a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)

describe('what counts as the internal network (the socket peer of a request /health shows in detail)', () => {
  test('loopback and private IPv4, plain or IPv4-mapped, and nothing else', () => {
    fc.assert(
      fc.property(ipv4, (parts) => {
        expect(isInternalAddress(dotted(parts))).toBe(isPrivate(parts))
        expect(isInternalAddress(`::ffff:${dotted(parts)}`)).toBe(isPrivate(parts))
      }),
      { numRuns: 2_000 },
    )
  })

  test('IPv6: loopback and unique local addresses only', () => {
    for (const address of ['::1', 'fd00::1', 'fc12:3456::9', 'fdff:ffff::']) expect(isInternalAddress(address), address).toBe(true)
    // Link-local, carrier-grade NAT, documentation, global and unspecified addresses are outside.
    for (const address of ['fe80::1', '2001:db8::1', '2a00:1450::1', '::', '100.64.0.1', '169.254.169.254', '0.0.0.0', '172.32.0.1', '192.169.0.1']) {
      expect(isInternalAddress(address), address).toBe(false)
    }
  })

  test('an unknown or malformed peer is never internal', () => {
    for (const address of [undefined, '', 'localhost', '10.0.0', '999.1.1.1', '::ffff:10.0.0.1.2', 'not an address'])
      expect(isInternalAddress(address)).toBe(false)
  })
})
