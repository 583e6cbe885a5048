import { RoomEvent, Track, type Participant } from 'livekit-client'
import { api, ApiError } from '../api.ts'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { handOf, handOrder, setHand } from './hands.ts'
import { toast } from './toast.ts'


// The runtime sets the `role` attribute in tokens and when the owner changes it.
const roleLabel = (participant: Participant) => ({ host: 'host', cohost: 'co-host' } as Record<string, string>)[participant.attributes.role ?? '']
/** Hosts and co-hosts, as the server's `role` attribute says (browsers cannot change it). */
const isHostParticipant = (participant: Participant) => Boolean(roleLabel(participant))

/**
 * The people list and the count in the top bar. Raised hands come first, in the order they went up.
 * Hosts get named actions on each person; guests see the same list without them. Every action is
 * checked again by the server.
 */
export function startPeople({ room, roomName, role: myRole }: RoomContext) {
  const list = byId('people-list')
  const count = byId('participant-count')
  // The owner (or an admin) makes co-hosts here.
  const mayGrant = myRole === 'owner' || myRole === 'host'
  const setCohost = async (participant: Participant, cohost: boolean) => {
    try {
      await api(`/meetings/${roomName}/cohosts/${encodeURIComponent(participant.identity)}`, undefined, cohost ? 'PUT' : 'DELETE')
      toast(cohost ? `${participant.name || 'They'} can now record and end the meeting` : `${participant.name || 'They'} is a guest again`)
    } catch (error) {
      toast(error instanceof ApiError ? error.message : String(error), { kind: 'error' })
    }
  }
  const act = (path: string, body?: unknown) =>
    api(`/meetings/${roomName}${path}`, body ?? {}).catch((error: Error) => toast(error.message, { kind: 'error' }))

  const actions = (participant: Participant, name: string) => {
    const box = document.createElement('div')
    box.className = 'person-actions'
    const button = (text: string, label: string, run: () => unknown, danger = false) => {
      const element = document.createElement('button')
      element.type = 'button'
      element.textContent = text
      element.setAttribute('aria-label', label)
      if (danger) element.className = 'danger'
      element.addEventListener('click', () => void run())
      box.append(element)
    }
    const identity = encodeURIComponent(participant.identity)
    if (handOf(participant)) button('Lower hand', `Lower ${name}'s hand`, () => setHand(roomName, false, participant.identity))
    if (participant.isLocal) return box.childElementCount ? box : undefined
    const attribute = participant.attributes.role
    if (mayGrant && (attribute === 'guest' || attribute === 'cohost'))
      button(attribute === 'cohost' ? 'Remove co-host' : 'Make co-host', attribute === 'cohost' ? `Take co-host away from ${name}` : `Make ${name} a co-host`, () => setCohost(participant, attribute !== 'cohost'))
    if (participant.isMicrophoneEnabled) button('Mute', `Mute ${name}'s microphone`, () => act(`/participants/${identity}/mute`, { source: 'microphone' }))
    if (participant.isCameraEnabled) button('Stop camera', `Stop ${name}'s camera`, () => act(`/participants/${identity}/mute`, { source: 'camera' }))
    if (!isHostParticipant(participant))
      button('Remove', `Remove ${name} from the meeting`, () => confirm(`Remove ${name}? They cannot come back unless a host lets them in.`) && act(`/participants/${identity}/remove`), true)
    return box
  }

  const render = () => {
    const everyone = [room.localParticipant, ...room.remoteParticipants.values()]
    const hands = handOrder(room)
    count.textContent = everyone.length === 1 ? 'Only you' : `${everyone.length} people`
    everyone.sort((a, b) => (hands.get(a.identity) ?? Infinity) - (hands.get(b.identity) ?? Infinity))
    list.replaceChildren(
      ...everyone.map((participant) => {
        const item = document.createElement('li')
        item.dataset.identity = participant.identity
        const displayName = participant.name || 'Guest'
        const name = document.createElement('span')
        name.textContent = displayName
        const role = document.createElement('span')
        role.className = 'role'
        role.textContent = [participant.isLocal && 'you', roleLabel(participant)].filter(Boolean).join(', ')
        const place = hands.get(participant.identity)
        const hand = document.createElement('span')
        hand.className = 'hand'
        hand.hidden = !place
        if (place) {
          const icon = (byId<HTMLTemplateElement>('hand-icon').content.firstElementChild as Element).cloneNode(true)
          const label = document.createElement('span')
          label.className = 'place'
          label.textContent = String(place)
          hand.append(icon, label)
          hand.setAttribute('aria-label', `Hand raised, number ${place}`)
        }
        const state = document.createElement('span')
        state.className = 'state'
        const microphone = participant.getTrackPublication(Track.Source.Microphone)
        state.textContent = participant.isMicrophoneEnabled ? 'mic on' : microphone ? 'muted' : 'no mic'
        item.append(hand, name, role, state)
        // The local role attribute is the live truth: a co-host made during the meeting gets actions at once.
        const tools = isHostParticipant(room.localParticipant) ? actions(participant, displayName) : undefined
        if (tools) item.append(tools)
        return item
      }),
    )
  }
  for (const event of [RoomEvent.ParticipantConnected, RoomEvent.ParticipantDisconnected, RoomEvent.ParticipantNameChanged,
    RoomEvent.ParticipantAttributesChanged, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted, RoomEvent.TrackPublished,
    RoomEvent.TrackUnpublished, RoomEvent.LocalTrackPublished, RoomEvent.LocalTrackUnpublished]) room.on(event, render)
  render()
}
