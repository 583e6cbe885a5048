import { isLivekitNotFound, unavailable, useLivekit } from '#runtime'

// LiveKit creates no room when someone joins (livekit.yaml `room.auto_create: false`): the runtime
// opens a meeting's room when it issues a token for the open meeting, and closes it when the meeting
// ends, so a token kept from before the end has no room to join.

/** Creates the meeting's room, or finds it already there (LiveKit's CreateRoom is idempotent). */
export async function openRoom(roomName: string): Promise<void> {
  await useLivekit()
    .rooms.createRoom({ name: roomName })
    .catch((error: Error) => {
      throw unavailable(`LiveKit could not open the room: ${error.message}`)
    })
}

/** Closes the room and disconnects everyone in it; a room that does not exist is closed already. */
export async function closeRoom(roomName: string): Promise<void> {
  await useLivekit()
    .rooms.deleteRoom(roomName)
    .catch((error: Error) => {
      if (!isLivekitNotFound(error)) throw unavailable(`LiveKit could not close the room: ${error.message}`)
    })
}
