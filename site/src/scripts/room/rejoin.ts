import { ConnectionState, RoomEvent } from 'livekit-client'
import { api, ApiError } from '../api.ts'
import type { ConnectionDetails } from '../../lib/types.ts'
import type { RoomContext } from './context.ts'

export type RejoinOutcome = 'joined' | 'ended' | 'failed'

// LiveKit creates no room on a join (the runtime opens it when it issues a token), so a media server
// that restarted has forgotten the room, and LiveKit's own reconnect gives up at once. A fresh token
// opens the room again, if the meeting is still open, and the same Room connects with it.

/** Rejoins a meeting whose connection was lost, with the camera and microphone as they were. */
export function prepareRejoin({ room, roomName }: RoomContext): () => Promise<RejoinOutcome> {
  let media = { camera: false, microphone: false }
  const remember = () => (media = { camera: room.localParticipant.isCameraEnabled, microphone: room.localParticipant.isMicrophoneEnabled })
  remember()
  // Taken before LiveKit unpublishes the tracks of a connection it gives up on.
  for (const event of [RoomEvent.LocalTrackPublished, RoomEvent.LocalTrackUnpublished, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted])
    room.on(event, () => room.state === ConnectionState.Connected && remember())

  return async () => {
    try {
      const token = await api<ConnectionDetails>('/token', { roomName })
      await room.connect(token.serverUrl, token.participantToken)
    } catch (error) {
      return error instanceof ApiError && error.status === 409 ? 'ended' : 'failed'
    }
    await Promise.allSettled([room.localParticipant.setCameraEnabled(media.camera), room.localParticipant.setMicrophoneEnabled(media.microphone)])
    return 'joined'
  }
}
