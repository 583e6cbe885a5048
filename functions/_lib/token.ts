import { AccessToken } from 'livekit-server-sdk'
import type { H3Event } from 'h3'
import { useLivekit, useSession, type ConnectionDetails } from '#runtime'
import { isHost as hostOf, requireMeeting } from './meetings.ts'
import type { ControlledMeeting } from './room/access.ts'
import { admitGuest } from './room/gate.ts'
import { publishSources } from './room/permissions.ts'

export interface TokenRequest {
  roomName: string
  participantName?: string
  /** only for meetings with a passcode; once admitted, a guest needs it no more */
  passcode?: string
}

// The identity is always the session's: a request body can name a room and a display name, never a person.
export async function issueToken(event: H3Event, { roomName, participantName, passcode }: TokenRequest): Promise<ConnectionDetails> {
  const meeting = (await requireMeeting(roomName, { open: true })) as ControlledMeeting
  let session = await useSession(event)
  if (participantName && participantName !== session.displayName) session = await session.update({ displayName: participantName })
  const isHost = await hostOf(meeting, session.identity)
  const name = session.displayName ?? 'Guest'
  // No token for a guest who is waiting, denied, removed, locked out or without the passcode.
  if (!isHost) await admitGuest(event, meeting, { identity: session.identity, name, passcode, knock: false })
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
    canPublishSources: publishSources(meeting, isHost ? 'host' : 'guest'),
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
