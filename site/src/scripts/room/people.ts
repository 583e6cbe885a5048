import { RoomEvent, type Participant } from 'livekit-client'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'

const isHost = (participant: Participant) => participant.attributes.role === 'host'

/** The participant list and the count in the top bar. */
export function startPeople({ room }: RoomContext) {
  const list = byId('people-list')
  const count = byId('participant-count')
  const render = () => {
    const everyone = [room.localParticipant, ...room.remoteParticipants.values()]
    count.textContent = everyone.length === 1 ? 'Only you' : `${everyone.length} people`
    list.replaceChildren(
      ...everyone.map((participant) => {
        const item = document.createElement('li')
        item.dataset.identity = participant.identity
        const name = document.createElement('span')
        name.textContent = participant.name || participant.identity
        const role = document.createElement('span')
        role.className = 'role'
        role.textContent = [participant.isLocal && 'you', isHost(participant) && 'host'].filter(Boolean).join(', ')
        const state = document.createElement('span')
        state.className = 'state'
        state.textContent = participant.isMicrophoneEnabled ? 'mic on' : 'muted'
        item.append(name, role, state)
        return item
      }),
    )
  }
  for (const event of [RoomEvent.ParticipantConnected, RoomEvent.ParticipantDisconnected, RoomEvent.ParticipantNameChanged,
    RoomEvent.ParticipantAttributesChanged, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted, RoomEvent.TrackPublished,
    RoomEvent.TrackUnpublished, RoomEvent.LocalTrackPublished, RoomEvent.LocalTrackUnpublished]) room.on(event, render)
  render()
}
