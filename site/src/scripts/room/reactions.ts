import { RoomEvent, type Participant } from 'livekit-client'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { t } from '../../i18n/client.ts'

const topic = 'meet.reaction'
const EMOJI = new Set(['👍', '👏', '😂', '😮', '❤️', '🎉'])
/** The sender's page sends at most one reaction per this many milliseconds… */
const SEND_GAP_MS = 700
/** …and receivers show at most BURST per sender in WINDOW_MS, whatever a modified page sends. */
const BURST = 5
const WINDOW_MS = 10_000

/**
 * Reactions are fleeting, so they go browser to browser as LiveKit data packets (nothing stored):
 * shown for three seconds over the sender's tile and announced to screen readers.
 */
export function startReactions({ room }: RoomContext) {
  const toggle = byId('toggle-reactions')
  const menu = byId('reaction-menu')
  const announcer = byId('reaction-announcer')
  const received = new Map<string, number[]>()
  let lastSent = 0

  const show = (participant: Participant, emoji: string) => {
    const tile = document.querySelector(`[data-key="${CSS.escape(`${participant.identity}:camera`)}"] .tile-reactions`)
    if (tile) {
      const item = document.createElement('span')
      item.textContent = emoji
      tile.append(item)
      setTimeout(() => item.remove(), 3000)
    }
    announcer.textContent = t('room.reacted', { name: participant.isLocal ? t('room.you') : participant.name || t('room.someone'), emoji })
  }

  const setOpen = (open: boolean) => {
    menu.hidden = !open
    toggle.setAttribute('aria-expanded', String(open))
  }
  toggle.addEventListener('click', () => {
    setOpen(menu.hidden !== false)
    if (!menu.hidden) menu.querySelector<HTMLElement>('button')?.focus()
  })
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    setOpen(false)
    toggle.focus()
  })
  menu.addEventListener('click', (event) => {
    const emoji = (event.target as HTMLElement).closest<HTMLElement>('[data-emoji]')?.dataset.emoji
    if (!emoji || Date.now() - lastSent < SEND_GAP_MS) return
    lastSent = Date.now()
    void room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ emoji })), { reliable: true, topic })
    show(room.localParticipant, emoji)
  })

  room.on(RoomEvent.DataReceived, (payload, participant, _kind, packetTopic) => {
    if (packetTopic !== topic || !participant) return
    const now = Date.now()
    const recent = (received.get(participant.identity) ?? []).filter((at) => now - at < WINDOW_MS)
    if (recent.length >= BURST) return
    recent.push(now)
    received.set(participant.identity, recent)
    try {
      const { emoji } = JSON.parse(new TextDecoder().decode(payload)) as { emoji?: unknown }
      if (typeof emoji === 'string' && EMOJI.has(emoji)) show(participant, emoji)
    } catch {
      // not a reaction
    }
  })
}
