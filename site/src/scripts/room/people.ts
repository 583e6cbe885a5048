import { RoomEvent, type Participant } from 'livekit-client'
import { api, ApiError } from '../api.ts'
import { byId } from '../dom.ts'
import { toast } from './toast.ts'
import type { RoomContext } from './context.ts'

// The runtime sets the `role` attribute in tokens and when the owner changes it.
const roleLabel = (participant: Participant) => ({ host: 'host', cohost: 'co-host' } as Record<string, string>)[participant.attributes.role ?? '']

/** The participant list and the count in the top bar; the owner (or an admin) makes co-hosts here. */
export function startPeople({ room, roomName, role: myRole }: RoomContext) {
  const list = byId('people-list')
  const count = byId('participant-count')
  const mayGrant = myRole === 'owner' || myRole === 'host'
  const setCohost = async (participant: Participant, cohost: boolean) => {
    try {
      await api(`/meetings/${roomName}/cohosts/${encodeURIComponent(participant.identity)}`, undefined, cohost ? 'PUT' : 'DELETE')
      toast(cohost ? `${participant.name || 'They'} can now record and end the meeting` : `${participant.name || 'They'} is a guest again`)
    } catch (error) {
      toast(error instanceof ApiError ? error.message : String(error), { kind: 'error' })
    }
  }
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
        role.textContent = [participant.isLocal && 'you', roleLabel(participant)].filter(Boolean).join(', ')
        const state = document.createElement('span')
        state.className = 'state'
        state.textContent = participant.isMicrophoneEnabled ? 'mic on' : 'muted'
        item.append(name, role, state)
        const attribute = participant.attributes.role
        if (mayGrant && !participant.isLocal && (attribute === 'guest' || attribute === 'cohost')) {
          const toggle = document.createElement('button')
          toggle.type = 'button'
          toggle.className = 'button small'
          toggle.textContent = attribute === 'cohost' ? 'Remove co-host' : 'Make co-host'
          toggle.addEventListener('click', () => setCohost(participant, attribute !== 'cohost'))
          item.append(toggle)
        }
        return item
      }),
    )
  }
  for (const event of [RoomEvent.ParticipantConnected, RoomEvent.ParticipantDisconnected, RoomEvent.ParticipantNameChanged,
    RoomEvent.ParticipantAttributesChanged, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted, RoomEvent.TrackPublished,
    RoomEvent.TrackUnpublished, RoomEvent.LocalTrackPublished, RoomEvent.LocalTrackUnpublished]) room.on(event, render)
  render()
}
