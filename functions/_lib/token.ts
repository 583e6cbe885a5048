import { AccessToken } from 'livekit-server-sdk'
import type { H3Event } from 'h3'
import { useLivekit, useSession, type ConnectionDetails } from '#runtime'
import { requireMeeting } from './meetings.ts'

export interface TokenRequest {
  roomName: string
  participantName?: string
}

// The identity is always the session's: a request body can name a room and a display name, never a person.
export async function issueToken(event: H3Event, { roomName, participantName }: TokenRequest): Promise<ConnectionDetails> {
  const meeting = await requireMeeting(roomName, { open: true })
  let session = await useSession(event)
  if (participantName && participantName !== session.displayName) session = await session.update({ displayName: participantName })
  const isHost = meeting.host_identity === session.identity
  const name = session.displayName ?? 'Guest'
  const livekit = useLivekit()
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: session.identity,
    name,
    ttl: '15m',
    metadata: JSON.stringify({ role: isHost ? 'host' : 'guest' }),
    attributes: { role: isHost ? 'host' : 'guest' },
  })
  token.addGrant({
    room: meeting.room_name,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
    roomAdmin: isHost,
    roomRecord: isHost,
  })
  return {
    serverUrl: livekit.publicUrl,
    roomName: meeting.room_name,
    participantToken: await token.toJwt(),
    participantName: name,
    identity: session.identity,
    isHost,
  }
}
