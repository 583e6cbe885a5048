import { RoomEvent, Track, type Participant } from 'livekit-client'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { bestLayout } from './layout.ts'
import { createTile, updateTile, type TileSource } from './tile.ts'

const changes = [
  RoomEvent.ParticipantConnected, RoomEvent.ParticipantDisconnected, RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted, RoomEvent.TrackUnmuted, RoomEvent.TrackPublished, RoomEvent.TrackUnpublished,
  RoomEvent.LocalTrackPublished, RoomEvent.LocalTrackUnpublished, RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionQualityChanged, RoomEvent.ParticipantNameChanged,
] as const

/** The adaptive video grid: one tile per camera and per shared screen, re-sized to fill the stage. */
export function startGrid({ room }: RoomContext) {
  const grid = byId('grid')
  let queued = false
  const sync = () => {
    queued = false
    const wanted = tilesFor([room.localParticipant, ...room.remoteParticipants.values()])
    for (const tile of [...grid.children] as HTMLElement[]) {
      if (!wanted.has(tile.dataset.key!)) tile.remove()
    }
    for (const [key, { participant, source }] of wanted) {
      const tile = (grid.querySelector(`[data-key="${CSS.escape(key)}"]`) as HTMLElement | null) ?? grid.appendChild(createTile(key))
      updateTile(tile, participant, source)
    }
    resize()
  }
  const resize = () => {
    const { cols, tileWidth, tileHeight } = bestLayout(grid.children.length, grid.clientWidth, grid.clientHeight, 8)
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

function tilesFor(participants: Participant[]) {
  const tiles = new Map<string, { participant: Participant; source: TileSource }>()
  for (const participant of participants) {
    if (participant.getTrackPublication(Track.Source.ScreenShare)?.track)
      tiles.set(`${participant.identity}:screen`, { participant, source: 'screen' })
  }
  for (const participant of participants) tiles.set(`${participant.identity}:camera`, { participant, source: 'camera' })
  return tiles
}
