import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { clientKey } from '../../../runtime/rate-limit/client-key.ts'
import { forwardedClient } from '../../../runtime/http/client-address.ts'

const group = fc.integer({ min: 0, max: 0xffff })
const groups = fc.array(group, { minLength: 8, maxLength: 8 })
const hex = (value: number, padded: boolean) => value.toString(16).padStart(padded ? 4 : 1, '0')

/** One address written as a client, a proxy or Node might: full, padded or not, `::`-compressed, any case. */
const spelled = (parts: number[]) =>
  fc.record({ padded: fc.boolean(), upper: fc.boolean(), compress: fc.boolean() }).map(({ padded, upper, compress }) => {
    let text = parts.map((part) => hex(part, padded)).join(':')
    if (compress) {
      // The longest run of zero groups becomes `::`, as RFC 5952 writes it.
      const run = /(^|:)0{1,4}(:0{1,4})+(:|$)/.exec(text)
      if (run) text = text.slice(0, run.index) + '::' + text.slice(run.index + run[0].length)
    }
    return upper ? text.toUpperCase() : text
  })

describe('rate-limit keys: IPv6 clients count per /64', () => {
  test('two addresses in one /64, however written, share one key', () => {
    fc.assert(
      fc.property(groups, fc.array(group, { minLength: 4, maxLength: 4 }), fc.gen(), (a, interface_, gen) => {
        const b = [...a.slice(0, 4), ...interface_]
        expect(clientKey(gen(spelled, a))).toBe(clientKey(gen(spelled, b)))
      }),
    )
  })

  test('addresses in different /64s have different keys', () => {
    fc.assert(
      fc.property(groups, groups, fc.gen(), (a, b, gen) => {
        fc.pre(a.slice(0, 4).some((part, i) => part !== b[i]))
        expect(clientKey(gen(spelled, a))).not.toBe(clientKey(gen(spelled, b)))
      }),
    )
  })

  test('an IPv4-mapped IPv6 address counts as the IPv4 address; IPv4 addresses each count alone', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), (a, b) => {
        expect(clientKey(`::ffff:${a}`)).toBe(clientKey(a))
        expect(clientKey(`::FFFF:${a}`)).toBe(clientKey(a))
        expect(clientKey(a) === clientKey(b)).toBe(a === b)
      }),
    )
  })

  test('examples', () => {
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(clientKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64')
    expect(clientKey('2001:db8::1')).toBe(clientKey('2001:0db8:0000:0000:ffff:ffff:ffff:ffff'))
    expect(clientKey('::1')).toBe('0:0:0:0::/64')
    expect(clientKey('fe80::1%eth0')).toBe(clientKey('fe80::2'))
    expect(clientKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64')
    expect(clientKey('unknown')).toBe('unknown')
  })
})

describe('the client address behind a configured number of proxies', () => {
  test('0 hops: the connection address, whatever X-Forwarded-For says', () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4()), (chain) => {
        expect(forwardedClient(chain.join(', '), '10.0.0.9', 0)).toBe('10.0.0.9')
      }),
    )
  })

  test('n hops: the entry n from the right, whatever a client put to its left', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 20 }).filter((s) => !s.includes(',')),
          { maxLength: 5 },
        ),
        fc.array(fc.ipV4(), { minLength: 1, maxLength: 4 }),
        (forged, proxies) => {
          const header = [...forged, ...proxies].join(', ')
          expect(forwardedClient(header, '10.0.0.9', proxies.length)).toBe(proxies[0])
        },
      ),
    )
  })

  test('one trusted hop takes the right-most entry; no header or a non-address falls back to the connection', () => {
    expect(forwardedClient('203.0.113.7, 198.51.100.2', '10.0.0.9', 1)).toBe('198.51.100.2')
    expect(forwardedClient('2001:db8::1', '10.0.0.9', 1)).toBe('2001:db8::1')
    expect(forwardedClient(null, '10.0.0.9', 1)).toBe('10.0.0.9')
    expect(forwardedClient('203.0.113.7, not-an-address', '10.0.0.9', 1)).toBe('10.0.0.9')
    // Fewer entries than hops: a proxy was skipped, the left-most entry is the nearest we have.
    expect(forwardedClient('198.51.100.2', '10.0.0.9', 2)).toBe('198.51.100.2')
  })
})
