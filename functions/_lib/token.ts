import { AccessToken, type VideoGrant } from 'livekit-server-sdk'
import type { H3Event } from 'h3'
import { assertNotCrossSite, conflict, useDb, useLivekit, useLogger, type ConnectionDetails } from '#runtime'
import { findMeeting, isHostRole, requireMeeting, roleIn } from './meetings.ts'
import { closeRoom, openRoom } from './livekit-room.ts'
import { useVisitor } from './visitor.ts'

export interface TokenRequest {
  roomName: string
  participantName?: string
}

// What a browser needs in its meeting, for hosts and guests alike. Host powers (ending, recording)
// go through the runtime's endpoints, which check the role (roleIn): LiveKit does not limit
// `roomRecord` to the token's room (it opens the whole Egress API), and `roomAdmin` would let a
// browser skip the runtime. No `canUpdateOwnMetadata` either: the role attribute below must stay
// the runtime's word.
const browserGrant = (room: string): VideoGrant => ({
  room,
  roomJoin: true,
  canPublish: true,
  canSubscribe: true,
  canPublishData: true,
  canUpdateOwnMetadata: false,
})

/**
 * The identity is always the session's: a request can name a room and a display name, never a
 * person. `keepName` stores the display name in the session (POST); a GET only puts it in this
 * token, since a GET must change nothing. Requests another site started get no token. Guests join
 * any open meeting by its link; the role comes from roleIn, never from the request.
 */
export async function issueToken(event: H3Event, { roomName, participantName }: TokenRequest, { keepName }: { keepName: boolean }): Promise<ConnectionDetails> {
  assertNotCrossSite(event, 'Tokens are issued')
  const meeting = await requireMeeting(roomName, { open: true })
  const visitor = await useVisitor(event)
  let session = visitor.session!
  if (keepName && participantName && participantName !== session.displayName) session = await session.update({ displayName: participantName })
  // A member is the same person on every device: their identities are theirs.
  if (visitor.member) await useDb().query('insert into member_identities (identity, member_id) values ($1, $2) on conflict (identity) do nothing', [session.identity, visitor.member.id])
  await openRoom(meeting.room_name)
  // "End for all" may have closed the room between the check above and the room's creation.
  if ((await findMeeting(meeting.room_name))?.ended_at) {
    await closeRoom(meeting.room_name).catch((error: Error) => useLogger().warn(`Room of ended meeting "${meeting.room_name}" left open: ${error.message}`))
    throw conflict(`Meeting "${meeting.room_name}" has ended`)
  }
  const role = await roleIn(meeting, visitor)
  const isHost = isHostRole(role)
  const name = participantName ?? session.displayName ?? visitor.member?.displayName ?? 'Guest'
  const livekit = useLivekit()
  // The attribute is for display (the people list, a co-host's controls); what a host may do is
  // decided by the runtime on each request.
  const attributeRole = role === 'cohost' ? 'cohost' : isHost ? 'host' : 'guest'
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: session.identity, name, ttl: '15m', metadata: JSON.stringify({ role: attributeRole }), attributes: { role: attributeRole } })
  token.addGrant(browserGrant(meeting.room_name))
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
