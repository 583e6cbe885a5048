import { describe, expect, test } from 'vitest'
import type { Participant } from 'livekit-client'
import { chooseStage, type TileEntry } from '../../../site/src/scripts/room/stage.ts'

const person = (identity: string, isLocal = false) => ({ identity, isLocal }) as Participant
const cameras = (count: number): TileEntry[] =>
  Array.from({ length: count }, (_, i) => ({ key: `p${i}:camera`, participant: person(`p${i}`, i === 0), source: 'camera' }))

describe('which tiles are on screen', () => {
  test('the grid shows pages of at most 16 tiles; the page number stays inside the pages', () => {
    const tiles = cameras(30)
    const first = chooseStage(tiles, { speakerView: false, page: 0 })
    expect(first).toMatchObject({ main: undefined, pages: 2, page: 0 })
    expect(first.shown).toHaveLength(16)
    const last = chooseStage(tiles, { speakerView: false, page: 7 })
    expect(last.page).toBe(1)
    expect(last.shown).toEqual(tiles.slice(16).map((t) => t.key))
    expect(chooseStage(cameras(3), { speakerView: false, page: 0 }).pages).toBe(1)
  })

  test('speaker view puts the last speaker on the stage; a pin wins over the speaker and a shared screen', () => {
    const tiles = [...cameras(8), { key: 'p5:screen', participant: person('p5'), source: 'screen' as const }]
    expect(chooseStage(cameras(8), { speakerView: true, speaker: 'p3', page: 0 }).main).toBe('p3:camera')
    expect(chooseStage(cameras(8), { speakerView: true, page: 0 }).main).toBe('p1:camera')
    expect(chooseStage(tiles, { speakerView: false, page: 0 }).main).toBe('p5:screen')
    const pinned = chooseStage(tiles, { speakerView: false, pinned: 'p2', speaker: 'p3', page: 0 })
    expect(pinned.main).toBe('p2:camera')
    expect(pinned.shown[0]).toBe('p2:camera')
    expect(pinned.shown).toHaveLength(7) // the main tile and a strip of six
    expect(chooseStage(tiles, { speakerView: false, pinned: 'gone', page: 0 }).main).toBe('p5:screen')
  })
})
