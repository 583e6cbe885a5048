import { t } from '../../i18n/client.ts'
import { RoomEvent, type Participant, type Room } from 'livekit-client'
import { api } from '../api.ts'
import { byId } from '../dom.ts'
import type { HandAnswer } from '../../lib/types.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'

/** When the hand went up (the `hand` attribute only the server writes), or '' when it is down. */
export const handOf = (participant: Participant) => participant.attributes.hand ?? ''

/** Raised hands, first raised first: identity → place (1, 2, …). */
export function handOrder(room: Room): Map<string, number> {
  const raised = [room.localParticipant, ...room.remoteParticipants.values()].filter((p) => handOf(p)).sort((a, b) => handOf(a).localeCompare(handOf(b)))
  return new Map(raised.map((p, index) => [p.identity, index + 1]))
}

/** Raises or lowers a hand through the server (a host may lower anyone's). */
export async function setHand(roomName: string, raised: boolean, identity?: string) {
  try {
    await api<HandAnswer>(`/meetings/${roomName}/hand`, { raised, identity })
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error), { kind: 'error' })
  }
}

/** The hand button follows the local participant's attribute, so a host lowering it shows at once. */
export function startHands({ room, roomName }: RoomContext) {
  const button = byId('toggle-hand')
  const show = () => {
    const raised = Boolean(handOf(room.localParticipant))
    button.setAttribute('aria-pressed', String(raised))
    button.setAttribute('aria-label', t(raised ? 'room.hand.lower' : 'room.hand.raise'))
  }
  button.addEventListener('click', () => void setHand(roomName, !handOf(room.localParticipant)))
  room.on(RoomEvent.ParticipantAttributesChanged, show)
  show()
}
