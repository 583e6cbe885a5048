import { AccessToken } from 'livekit-server-sdk'
import type { H3Event } from 'h3'
import { assertNotCrossSite, useLivekit, useSession, type ConnectionDetails } from '#runtime'
import { requireMeeting } from './meetings.ts'

export interface TokenRequest {
  roomName: string
  participantName?: string
}

/**
 * The identity is always the session's: a request can name a room and a display name, never a
 * person. `keepName` stores the display name in the session (POST); a GET only puts it in this
 * token, since a GET must change nothing. Requests another site started get no token.
 */
export async function issueToken(event: H3Event, { roomName, participantName }: TokenRequest, { keepName }: { keepName: boolean }): Promise<ConnectionDetails> {
  assertNotCrossSite(event, 'Tokens are issued')
  const meeting = await requireMeeting(roomName, { open: true })
  let session = await useSession(event)
  if (keepName && participantName && participantName !== session.displayName) session = await session.update({ displayName: participantName })
  const isHost = meeting.host_identity === session.identity
  const name = participantName ?? session.displayName ?? 'Guest'
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
