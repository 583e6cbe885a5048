import { RoomEvent, type Room } from 'livekit-client'

/**
 * Messages the runtime sends to the room (chat, lobby knocks, settings). Only packets without a
 * sending participant come from the server: anything a browser publishes on these topics is ignored.
 */
export function onServerData<T>(room: Room, topic: string, handle: (message: T) => void) {
  room.on(RoomEvent.DataReceived, (payload, participant, _kind, packetTopic) => {
    if (participant || packetTopic !== topic) return
    try {
      handle(JSON.parse(new TextDecoder().decode(payload)) as T)
    } catch {
      // not ours
    }
  })
}
