import { DisconnectReason, RoomEvent } from 'livekit-client'
import { byId } from '../dom.ts'
import { t } from '../../i18n/client.ts'
import type { RoomContext } from './context.ts'
import { prepareRejoin } from './rejoin.ts'

const farewells: Partial<Record<DisconnectReason, [title: string, message: string]>> = {
  [DisconnectReason.CLIENT_INITIATED]: [t('left.title'), t('left.message')],
  [DisconnectReason.ROOM_DELETED]: [t('left.ended.title'), t('left.ended.message')],
  [DisconnectReason.PARTICIPANT_REMOVED]: [t('left.removed.title'), t('left.removed.message')],
  [DisconnectReason.DUPLICATE_IDENTITY]: [t('left.duplicate.title'), t('left.duplicate.message')],
}
const lost: [title: string, message: string] = [t('left.lost.title'), t('left.lost.message')]

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
