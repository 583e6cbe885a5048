import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { bestLayout } from '../../../site/src/scripts/room/layout.ts'

const stage = fc.record({
  count: fc.integer({ min: 1, max: 49 }),
  width: fc.integer({ min: 200, max: 3840 }),
  height: fc.integer({ min: 200, max: 2160 }),
})
const gap = 8

describe('video grid layout', () => {
  test('every tile fits on the stage, in 16:9, with no empty column', () => {
    fc.assert(
      fc.property(stage, ({ count, width, height }) => {
        const { cols, tileWidth, tileHeight } = bestLayout(count, width, height, gap)
        const rows = Math.ceil(count / cols)
        expect(cols).toBeLessThanOrEqual(count)
        expect(cols * tileWidth + gap * (cols - 1)).toBeLessThanOrEqual(width)
        expect(rows * tileHeight + gap * (rows - 1)).toBeLessThanOrEqual(height)
        // 16:9 to the pixel: the height is the width's, rounded down.
        expect(tileWidth * (9 / 16) - tileHeight).toBeGreaterThanOrEqual(0)
        expect(tileWidth * (9 / 16) - tileHeight).toBeLessThan(1)
      }),
    )
  })

  test('no other column count would give bigger tiles', () => {
    fc.assert(
      fc.property(stage, fc.integer({ min: 1, max: 49 }), ({ count, width, height }, otherCols) => {
        const cols = Math.min(otherCols, count)
        const rows = Math.ceil(count / cols)
        const other = Math.min((width - gap * (cols - 1)) / cols, ((height - gap * (rows - 1)) / rows) * (16 / 9))
        expect(bestLayout(count, width, height, gap).tileWidth).toBeGreaterThanOrEqual(Math.floor(other))
      }),
    )
  })
})
