import { RoomEvent, type Participant } from 'livekit-client'
import type { RoomContext } from './context.ts'

/**
 * Whether we may use host controls, now and whenever the owner changes our role: the runtime sets
 * our `role` attribute in LiveKit (co-host given or taken back), and checks every action itself.
 */
export function followHostRole({ room, isHost }: RoomContext, apply: (isHost: boolean) => void) {
  apply(isHost)
  room.on(RoomEvent.ParticipantAttributesChanged, (changed: Record<string, string>, participant: Participant) => {
    if (participant !== room.localParticipant || !('role' in changed)) return
    apply(changed.role === 'host' || changed.role === 'cohost')
  })
}
