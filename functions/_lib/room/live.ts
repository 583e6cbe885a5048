import { TrackSource, type ParticipantInfo } from 'livekit-server-sdk'
import { conflict, isLivekitNotFound, unavailable, useLivekit } from '#runtime'

/** A connected participant as LiveKit's server sees them; 409 when they are not in the room. */
export async function connectedParticipant(roomName: string, identity: string): Promise<ParticipantInfo> {
  return useLivekit()
    .rooms.getParticipant(roomName, identity)
    .catch((error: Error) => {
      throw isLivekitNotFound(error) ? conflict('That person is not in the meeting right now') : unavailable(`LiveKit could not be asked: ${error.message}`)
    })
}

export async function connectedParticipants(roomName: string): Promise<ParticipantInfo[]> {
  return useLivekit()
    .rooms.listParticipants(roomName)
    .catch((error: Error) => {
      if (isLivekitNotFound(error)) return []
      throw unavailable(`LiveKit could not be asked: ${error.message}`)
    })
}

/** Hosts and co-hosts as the room knows them: the role attribute only the server can set. */
export const isHostInRoom = (p: ParticipantInfo) => (p.attributes.role ?? 'guest') !== 'guest'

/** Mutes someone's published tracks of these sources; how many were muted. */
export async function muteSources(roomName: string, participant: ParticipantInfo, sources: TrackSource[]): Promise<number> {
  const tracks = participant.tracks.filter((t) => sources.includes(t.source) && !t.muted)
  await Promise.all(tracks.map((t) => useLivekit().rooms.mutePublishedTrack(roomName, participant.identity, t.sid, true)))
  return tracks.length
}

export { TrackSource }
