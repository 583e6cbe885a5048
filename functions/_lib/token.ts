import { AccessToken } from 'livekit-server-sdk'
import type { H3Event } from 'h3'
import { useDb, useLivekit, type ConnectionDetails } from '#runtime'
import { isHostRole, requireMeeting, roleIn } from './meetings.ts'
import { useVisitor } from './visitor.ts'

export interface TokenRequest {
  roomName: string
  participantName?: string
}

// The identity is always the session's: a request body can name a room and a display name, never a person.
// Guests join any open meeting by its link; the role comes from roleIn, never from the request.
export async function issueToken(event: H3Event, { roomName, participantName }: TokenRequest): Promise<ConnectionDetails> {
  const meeting = await requireMeeting(roomName, { open: true })
  const visitor = await useVisitor(event)
  let session = visitor.session!
  if (participantName && participantName !== session.displayName) session = await session.update({ displayName: participantName })
  // A member is the same person on every device: their identities are theirs.
  if (visitor.member) await useDb().query('insert into member_identities (identity, member_id) values ($1, $2) on conflict (identity) do nothing', [session.identity, visitor.member.id])
  const role = await roleIn(meeting, visitor)
  const isHost = isHostRole(role)
  const attributeRole = role === 'cohost' ? 'cohost' : isHost ? 'host' : 'guest'
  const name = session.displayName ?? visitor.member?.displayName ?? 'Guest'
  const livekit = useLivekit()
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: session.identity,
    name,
    ttl: '15m',
    metadata: JSON.stringify({ role: attributeRole }),
    attributes: { role: attributeRole },
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
    role,
  }
}
