import { DisconnectReason, RoomEvent } from 'livekit-client'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { prepareRejoin } from './rejoin.ts'

const farewells: Partial<Record<DisconnectReason, [title: string, message: string]>> = {
  [DisconnectReason.CLIENT_INITIATED]: ['You left the meeting', 'Rejoin whenever you like with the same link.'],
  [DisconnectReason.ROOM_DELETED]: ['The meeting has ended', 'The host ended this meeting for everyone.'],
  [DisconnectReason.PARTICIPANT_REMOVED]: ['You were removed from the meeting', 'A host removed you from this meeting.'],
  [DisconnectReason.DUPLICATE_IDENTITY]: ['You joined from somewhere else', 'This meeting is open in another tab or device with your session.'],
}
const lost: [title: string, message: string] = ['Connection lost', 'The connection to the meeting dropped and could not be restored. Check your network and rejoin.']

/** Reconnecting banner, the Leave button, one rejoin when the connection is lost, and what to tell people once they are out. */
export function startConnection(context: RoomContext) {
  const { room } = context
  const banner = byId('reconnecting')
  const rejoin = prepareRejoin(context)
  let rejoining = false
  room.on(RoomEvent.Reconnecting, () => (banner.hidden = false))
  room.on(RoomEvent.SignalReconnecting, () => (banner.hidden = false))
  room.on(RoomEvent.Reconnected, () => (banner.hidden = true))
  byId('leave').addEventListener('click', () => void room.disconnect())

  room.on(RoomEvent.Disconnected, async (reason) => {
    if (rejoining) return
    let farewell = reason !== undefined ? farewells[reason] : undefined
    if (!farewell) {
      // Lost rather than left: try once more with a fresh token before saying so.
      rejoining = true
      const outcome = await rejoin()
      rejoining = false
      if (outcome === 'joined') return void (banner.hidden = true)
      farewell = outcome === 'ended' ? farewells[DisconnectReason.ROOM_DELETED] : lost
    }
    const [title, message] = farewell ?? lost
    room.localParticipant.trackPublications.forEach((publication) => publication.track?.stop())
    byId('room').hidden = true
    byId('left-view').hidden = false
    byId('left-title').textContent = title
    byId('left-message').textContent = message
    if (farewell === farewells[DisconnectReason.ROOM_DELETED]) byId('rejoin').hidden = true
    byId('left-title').focus()
  })
}
