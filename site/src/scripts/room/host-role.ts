import { RoomEvent, type Participant } from 'livekit-client'
import type { RoomContext } from './context.ts'

/** Hosts and co-hosts, as the server's `role` attribute says (browsers cannot change it). */
export const isHostParticipant = (participant: Participant) => (participant.attributes.role ?? 'guest') !== 'guest'

/**
 * Runs `start` once this person hosts: at once for hosts, or when the server makes them a co-host
 * (it changes their `role` attribute live, no rejoin). Taking it back hides the host controls again;
 * the server refuses their host actions either way.
 */
export function onHostRole({ room }: RoomContext, start: () => void) {
  let started = false
  const apply = () => {
    const host = isHostParticipant(room.localParticipant)
    if (host && !started) {
      started = true
      start()
    } else if (started) {
      for (const element of document.querySelectorAll<HTMLElement>('.host-only, #host-tools')) element.hidden = !host
    }
  }
  room.on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => participant.isLocal && apply())
  apply()
}
