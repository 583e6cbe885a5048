import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { shareFor } from '../../../runtime/health/shared.ts'

// A probe round that finishes when told to, and counts how often it started.
function controlledRound() {
  const round = { started: 0, finish: () => {} }
  const task = () => {
    round.started++
    return new Promise<number>((resolve) => (round.finish = () => resolve(round.started)))
  }
  return { round, task }
}

describe('the health report is shared between callers', () => {
  test('callers during a round and within the window after its start share it; the first caller after the window starts one more', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60_000 }), fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 40 }), async (ttlMs, offsets) => {
        let clock = 0
        const { round, task } = controlledRound()
        const report = shareFor(ttlMs, task, () => clock)
        const concurrent = Array.from({ length: 25 }, () => report())
        round.finish()
        expect(new Set(await Promise.all(concurrent))).toEqual(new Set([1]))
        // Later callers in time order: a new round exactly when the window since the last start has passed.
        let lastStart = 0
        for (const at of [...offsets].sort((a, b) => a - b)) {
          clock = at
          const expected = at - lastStart >= ttlMs ? round.started + 1 : round.started
          if (expected > round.started) lastStart = at
          const answer = report()
          round.finish()
          expect(await answer).toBe(expected)
        }
      }),
    )
  })

  test('a round still running is shared even after the window, so slow dependencies never stack rounds', async () => {
    let clock = 0
    const { round, task } = controlledRound()
    const report = shareFor(1_000, task, () => clock)
    const first = report()
    clock = 5_000
    const second = report()
    expect(round.started).toBe(1)
    round.finish()
    expect([await first, await second]).toEqual([1, 1])
  })

  test('a window of 0 shares only the round in flight; a failed round is not kept', async () => {
    const { round, task } = controlledRound()
    const ready = shareFor(0, task)
    const together = [ready(), ready()]
    round.finish()
    expect(await Promise.all(together)).toEqual([1, 1])
    const next = ready()
    round.finish()
    expect(await next).toBe(2)

    let calls = 0
    const failing = shareFor(60_000, async () => {
      calls++
      if (calls === 1) throw new Error('boom')
      return calls
    })
    await expect(failing()).rejects.toThrow('boom')
    expect(await failing()).toBe(2)
  })
})
