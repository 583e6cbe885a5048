import { RoomEvent, type Room } from 'livekit-client'
import type { ChatMessage } from '../../lib/types.ts'

// Chat of an end-to-end encrypted meeting: published by the browser on LiveKit's data channel, which
// livekit-client encrypts with the meeting key (Room `encryption`). The server neither stores nor
// relays it (POST /meetings/:room/chat refuses such meetings), so there is no history for late joiners.
const topic = 'meet.e2ee.chat'
let sequence = 0

/** Sends one line to everyone in the room; resolves with the message as this browser shows it. */
export async function sendEncryptedChat(room: Room, text: string): Promise<ChatMessage> {
  const message: ChatMessage = {
    // Unique enough per sender, and digits only (chat.ts orders ids as integers).
    id: `${Date.now()}${String(++sequence % 1000).padStart(3, '0')}`,
    from: { identity: room.localParticipant.identity, name: room.localParticipant.name ?? '' },
    text,
    sentAt: new Date().toISOString(),
  }
  await room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ text })), { topic, reliable: true })
  return message
}

/**
 * Lines from other people; the sender is the one LiveKit names, not the payload. A line sent with
 * another key fails to decrypt and never arrives. (livekit-client 2.23 reports every decrypted packet
 * as `Encryption_Type.NONE`, since it sends no type in its EncryptedPacket, so that field is not checked.)
 */
export function onEncryptedChat(room: Room, handle: (message: ChatMessage) => void) {
  room.on(RoomEvent.DataReceived, (payload, participant, _kind, packetTopic) => {
    if (packetTopic !== topic || !participant) return
    try {
      const { text } = JSON.parse(new TextDecoder().decode(payload)) as { text: unknown }
      if (typeof text !== 'string' || !text.trim() || text.length > 2000) return
      handle({
        id: `${Date.now()}${String(++sequence % 1000).padStart(3, '0')}`,
        from: { identity: participant.identity, name: participant.name ?? '' },
        text,
        sentAt: new Date().toISOString(),
      })
    } catch {
      // not a chat line
    }
  })
}
