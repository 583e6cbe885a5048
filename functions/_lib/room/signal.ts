import { DataPacket_Kind } from 'livekit-server-sdk'
import { useLivekit, useLogger, type ServerMessages, type ServerTopic } from '#runtime'

// Topics and their messages are types/api.ts's ServerMessages, which the room page reads. Browsers
// accept these only from the server (a data packet without a sending participant), so nobody can
// forge a chat line or a lobby notice with their own token.

// Best effort: what is sent here is also readable from the API (chat history, lobby list,
// settings), which the room reads again after a reconnect. A room nobody is in has nobody to tell.
export async function signalRoom<T extends ServerTopic>(
  roomName: string,
  topic: T,
  payload: ServerMessages[T],
  destinationIdentities?: string[],
): Promise<void> {
  const data = new TextEncoder().encode(JSON.stringify(payload))
  await useLivekit()
    .rooms.sendData(roomName, data, DataPacket_Kind.RELIABLE, { topic, destinationIdentities })
    .catch((error: Error) => useLogger().debug(`No ${topic} signal for ${roomName}: ${error.message}`))
}
