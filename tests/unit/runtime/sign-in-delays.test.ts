import { describe, expect, test } from 'vitest'
import { delayAfter } from '../../../functions/_lib/auth/sign-in-limits.ts'

describe('sign-in delays', () => {
  test('free tries first, then a wait that doubles with each failure, capped at 15 minutes', () => {
    expect([0, 4].map((n) => delayAfter(n, 5))).toEqual([0, 0])
    expect([5, 6, 7, 10].map((n) => delayAfter(n, 5))).toEqual([1, 2, 4, 32])
    expect(delayAfter(40, 5)).toBe(900)
  })
})
