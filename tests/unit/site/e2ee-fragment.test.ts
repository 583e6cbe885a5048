import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { keyFromFragment, newMeetingKey } from '../../../site/src/scripts/e2ee/fragment.ts'
import { MEDIA_SCRIPT_SOURCES, mediaDirectives } from '../../../site/src/lib/page-security.ts'

describe('the meeting key in the link fragment', () => {
  test('a new key is 32 random bytes in base64url, read back from its fragment, never twice the same', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newMeetingKey()))
    expect(keys.size).toBe(200)
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(keyFromFragment(`#key=${key}`)).toBe(key)
      expect(keyFromFragment(`#other=1&key=${key}`)).toBe(key)
    }
  })

  test('a fragment without a well-formed key gives none (the page then says the link lacks its key)', () => {
    for (const fragment of [
      '',
      '#',
      '#key=',
      '#key=short',
      `#key=${'a'.repeat(129)}`,
      '#key=<script>alert(1)</script>aaaaaaaaaaaaaaaaaaaaaaaaa',
      '#kee=' + 'a'.repeat(43),
    ]) {
      expect(keyFromFragment(fragment)).toBeUndefined()
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        const key = keyFromFragment(`#key=${encodeURIComponent(text)}`)
        return key === undefined || /^[A-Za-z0-9_-]{32,128}$/.test(key)
      }),
    )
  })
})

describe('workers and WebAssembly in the CSP', () => {
  test('only the meeting page allows a worker from the site itself and compiling wasm; never eval or blob:', () => {
    expect(mediaDirectives(true)).toEqual(["worker-src 'self'"])
    expect(mediaDirectives(false)).toEqual(["worker-src 'none'"])
    expect(MEDIA_SCRIPT_SOURCES).toEqual(["'self'", "'wasm-unsafe-eval'"])
  })
})
