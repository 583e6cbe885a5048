import { DisconnectReason, RoomEvent } from 'livekit-client'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'

const farewells: Partial<Record<DisconnectReason, [title: string, message: string]>> = {
  [DisconnectReason.CLIENT_INITIATED]: ['You left the meeting', 'Rejoin whenever you like with the same link.'],
  [DisconnectReason.ROOM_DELETED]: ['The meeting has ended', 'The host ended this meeting for everyone.'],
  [DisconnectReason.PARTICIPANT_REMOVED]: ['You were removed from the meeting', 'A host removed you from this meeting.'],
  [DisconnectReason.DUPLICATE_IDENTITY]: ['You joined from somewhere else', 'This meeting is open in another tab or device with your session.'],
}

/** Reconnecting banner, the Leave button, and what to tell people once they are out. */
export function startConnection({ room }: RoomContext) {
  const banner = byId('reconnecting')
  room.on(RoomEvent.Reconnecting, () => (banner.hidden = false))
  room.on(RoomEvent.SignalReconnecting, () => (banner.hidden = false))
  room.on(RoomEvent.Reconnected, () => (banner.hidden = true))
  byId('leave').addEventListener('click', () => void room.disconnect())

  room.on(RoomEvent.Disconnected, (reason) => {
    const [title, message] = (reason !== undefined && farewells[reason]) || ['Connection lost', 'The connection to the meeting dropped and could not be restored. Check your network and rejoin.']
    room.localParticipant.trackPublications.forEach((publication) => publication.track?.stop())
    byId('room').hidden = true
    byId('left-view').hidden = false
    byId('left-title').textContent = title
    byId('left-message').textContent = message
    if (reason === DisconnectReason.ROOM_DELETED) byId('rejoin').hidden = true
    byId('left-title').focus()
  })
}
