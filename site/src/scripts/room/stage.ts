import type { Participant } from 'livekit-client'
import type { TileSource } from './tile.ts'

const PAGE_SIZE = 16
/** Tiles beside the main one in speaker view. */
const STRIP_SIZE = 6

export interface TileEntry {
  key: string
  participant: Participant
  source: TileSource
}

export interface StageChoice {
  /** the tile on the stage, in speaker view or while someone shares a screen */
  main?: string
  /** every tile that is shown, in order; the others are not in the page at all */
  shown: string[]
  pages: number
  page: number
}

/**
 * Which tiles are on screen. A pin (for yourself only) wins, then a shared screen, then, in speaker
 * view, whoever spoke last. The rest go in pages: tiles off the page are not rendered, so with
 * adaptive stream LiveKit stops sending their video.
 */
export function chooseStage(
  tiles: TileEntry[],
  { speakerView, pinned, speaker, page }: { speakerView: boolean; pinned?: string; speaker?: string; page: number },
): StageChoice {
  const keys = tiles.map((t) => t.key)
  const screen = tiles.find((t) => t.source === 'screen')?.key
  const pinnedKey = pinned && keys.includes(`${pinned}:camera`) ? `${pinned}:camera` : undefined
  const speakerKey = speaker && keys.includes(`${speaker}:camera`) ? `${speaker}:camera` : tiles.find((t) => !t.participant.isLocal)?.key
  const main = pinnedKey ?? screen ?? (speakerView ? (speakerKey ?? keys[0]) : undefined)
  const rest = keys.filter((key) => key !== main)
  const size = main ? STRIP_SIZE : PAGE_SIZE
  const pages = Math.max(1, Math.ceil(rest.length / size))
  const current = Math.min(Math.max(0, page), pages - 1)
  const shown = rest.slice(current * size, current * size + size)
  return { main, shown: main ? [main, ...shown] : shown, pages, page: current }
}
