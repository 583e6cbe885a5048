import { RoomEvent, Track, type Participant } from 'livekit-client'
import { chooseStage, type TileEntry } from './stage.ts'
import { byId } from '../dom.ts'
import { t } from '../../i18n/client.ts'
import type { RoomContext } from './context.ts'
import { bestLayout } from './layout.ts'
import { createTile, updateTile, type TileSource } from './tile.ts'
import { handOrder } from './hands.ts'

const changes = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionQualityChanged,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.ParticipantAttributesChanged,
] as const

/**
 * The adaptive video grid: one tile per camera and per shared screen, re-sized to fill the stage;
 * a speaker view, a pin of your own, and pages of at most 16 tiles (see stage.ts).
 */
export function startGrid({ room }: RoomContext) {
  const grid = byId('grid')
  const viewButton = byId('toggle-view')
  const pager = { box: byId('pager'), prev: byId<HTMLButtonElement>('page-prev'), next: byId<HTMLButtonElement>('page-next'), label: byId('page-label') }
  const state = { speakerView: false, pinned: undefined as string | undefined, speaker: undefined as string | undefined, page: 0 }
  let queued = false
  const sync = () => {
    queued = false
    const all = tilesFor([room.localParticipant, ...room.remoteParticipants.values()])
    const stage = chooseStage([...all.values()], state)
    state.page = stage.page
    const wanted = new Map(stage.shown.map((key) => [key, all.get(key)!]))
    grid.dataset.spotlight = String(Boolean(stage.main))
    pager.box.hidden = stage.pages < 2
    pager.label.textContent = t('room.page', { page: stage.page + 1, pages: stage.pages })
    pager.prev.disabled = stage.page === 0
    pager.next.disabled = stage.page >= stage.pages - 1
    viewButton.setAttribute('aria-pressed', String(state.speakerView))
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
      tile.dataset.main = String(key === stage.main)
      tile.dataset.pinned = String(source === 'camera' && participant.identity === state.pinned)
      const pin = tile.querySelector<HTMLElement>('.pin')!
      pin.hidden = source !== 'camera'
      pin.setAttribute('aria-pressed', tile.dataset.pinned)
      pin.setAttribute('aria-label', t(tile.dataset.pinned === 'true' ? 'room.unpin' : 'room.pin', { name: participant.name || t('room.guest') }))
      index++
    }
    resize()
  }
  const resize = () => {
    const count = grid.children.length
    if (grid.dataset.spotlight === 'true') return spotlight(grid, count - 1)
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
  // Speaker view follows the last remote person who spoke, not every breath of the local microphone.
  room.on(RoomEvent.ActiveSpeakersChanged, (speakers) => {
    const remote = speakers.find((p) => !p.isLocal)
    if (remote) state.speaker = remote.identity
  })
  viewButton.addEventListener('click', () => {
    state.speakerView = !state.speakerView
    state.page = 0
    schedule()
  })
  grid.addEventListener('click', (event) => {
    const identity = (event.target as HTMLElement).closest('.pin')?.closest<HTMLElement>('.tile')?.dataset.identity
    if (!identity) return
    state.pinned = state.pinned === identity ? undefined : identity
    schedule()
  })
  pager.prev.addEventListener('click', () => (state.page--, schedule()))
  pager.next.addEventListener('click', () => (state.page++, schedule()))
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
  const tiles = new Map<string, TileEntry>()
  const add = (participant: Participant, source: TileSource) =>
    tiles.set(`${participant.identity}:${source}`, { key: `${participant.identity}:${source}`, participant, source })
  for (const participant of participants) if (participant.getTrackPublication(Track.Source.ScreenShare)?.track) add(participant, 'screen')
  for (const participant of participants) add(participant, 'camera')
  return tiles
}
