import { RoomEvent, type Room } from 'livekit-client'
import type { ServerMessages, ServerTopic } from '../../lib/types.ts'

/**
 * Messages the runtime sends to the room (chat, lobby knocks, settings). Only packets without a
 * sending participant come from the server: anything a browser publishes on these topics is ignored.
 */
export function onServerData<T extends ServerTopic>(room: Room, topic: T, handle: (message: ServerMessages[T]) => void) {
  room.on(RoomEvent.DataReceived, (payload, participant, _kind, packetTopic) => {
    if (participant || packetTopic !== topic) return
    try {
      handle(JSON.parse(new TextDecoder().decode(payload)) as ServerMessages[T])
    } catch {
      // not ours
    }
  })
}
