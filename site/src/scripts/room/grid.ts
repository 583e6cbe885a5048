import { RoomEvent, Track, type Participant } from 'livekit-client'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { bestLayout } from './layout.ts'
import { createTile, updateTile, type TileSource } from './tile.ts'
import { handOrder } from './hands.ts'

const changes = [
  RoomEvent.ParticipantConnected, RoomEvent.ParticipantDisconnected, RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted, RoomEvent.TrackUnmuted, RoomEvent.TrackPublished, RoomEvent.TrackUnpublished,
  RoomEvent.LocalTrackPublished, RoomEvent.LocalTrackUnpublished, RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionQualityChanged, RoomEvent.ParticipantNameChanged, RoomEvent.ParticipantAttributesChanged,
] as const

/** The adaptive video grid: one tile per camera and per shared screen, re-sized to fill the stage. */
export function startGrid({ room }: RoomContext) {
  const grid = byId('grid')
  let queued = false
  const sync = () => {
    queued = false
    const wanted = tilesFor([room.localParticipant, ...room.remoteParticipants.values()])
    for (const tile of [...grid.children] as HTMLElement[]) {
      if (wanted.has(tile.dataset.key!)) continue
      tile.querySelector('video')!.srcObject = null
      tile.remove()
    }
    // Tiles move only when the order changes (a screen share goes first); a move within one task keeps videos playing.
    let index = 0
    const hands = handOrder(room)
    for (const [key, { participant, source }] of wanted) {
      const tile = (grid.querySelector(`[data-key="${CSS.escape(key)}"]`) as HTMLElement | null) ?? createTile(key)
      if (grid.children[index] !== tile) grid.insertBefore(tile, grid.children[index] ?? null)
      updateTile(tile, participant, source, hands.get(participant.identity))
      index++
    }
    resize()
  }
  const resize = () => {
    const count = grid.children.length
    const screens = grid.querySelectorAll('[data-source="screen"]').length
    grid.dataset.spotlight = String(screens > 0)
    if (screens > 0) return spotlight(grid, count - 1)
    const { cols, tileWidth, tileHeight } = bestLayout(count, grid.clientWidth, grid.clientHeight, 8)
    grid.style.setProperty('--cols', String(cols))
    grid.style.setProperty('--tile-w', `${tileWidth}px`)
    grid.style.setProperty('--tile-h', `${tileHeight}px`)
  }
  // Bursts of events (a join brings several) become one update.
  const schedule = () => {
    if (!queued) queueMicrotask(sync)
    queued = true
  }
  for (const event of changes) room.on(event, schedule)
  new ResizeObserver(resize).observe(grid)
  sync()
  return schedule
}

/** A shared screen takes the stage; cameras get a side column sized so they all fit. */
function spotlight(grid: HTMLElement, others: number) {
  const gap = 8
  const side = Math.min(260, grid.clientWidth * 0.22, others ? ((grid.clientHeight - gap * (others - 1)) / others) * (16 / 9) : 260)
  grid.style.setProperty('--side-w', `${Math.floor(side)}px`)
}

function tilesFor(participants: Participant[]) {
  const tiles = new Map<string, { participant: Participant; source: TileSource }>()
  for (const participant of participants) {
    if (participant.getTrackPublication(Track.Source.ScreenShare)?.track)
      tiles.set(`${participant.identity}:screen`, { participant, source: 'screen' })
  }
  for (const participant of participants) tiles.set(`${participant.identity}:camera`, { participant, source: 'camera' })
  return tiles
}
