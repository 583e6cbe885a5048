import { AccessToken, type VideoGrant } from 'livekit-server-sdk'
import type { H3Event } from 'h3'
import * as v from 'valibot'
import { assertNotCrossSite, conflict, useDb, useLivekit, useLogger, type ConnectionDetails } from '#runtime'
import { findMeeting, isHostRole, requireMeeting, roleIn } from './meetings.ts'
import { closeRoom, openRoom } from './livekit-room.ts'
import { useVisitor } from './visitor.ts'
import type { ControlledMeeting } from './room/access.ts'
import { admitGuest } from './room/gate.ts'
import { publishSources, type LiveRole } from './room/permissions.ts'
import { passcodeAttemptSchema } from './room/passcode.ts'
import { roomNameSchema } from './room-name.ts'
import { displayNameSchema } from './display-name.ts'

/** `POST /token`'s body. The passcode is only for meetings with one; once admitted, a guest needs it no more. */
export const tokenRequest = v.object({ roomName: roomNameSchema, participantName: v.optional(displayNameSchema), passcode: v.optional(passcodeAttemptSchema) })
/** `GET /token`'s query (LiveKit Meet's form): the same without a passcode, which has no place in a URL. */
export const tokenQuery = v.omit(tokenRequest, ['passcode'])

type TokenRequest = v.InferOutput<typeof tokenRequest>

// What a browser needs in its meeting, for hosts and guests alike. Host powers (ending, recording)
// go through the runtime's endpoints, which check the role (roleIn): LiveKit does not limit
// `roomRecord` to the token's room (it opens the whole Egress API), and `roomAdmin` would let a
// browser skip the runtime. No `canUpdateOwnMetadata` either: the role attribute below must stay
// the runtime's word.
const browserGrant = (meeting: ControlledMeeting, role: LiveRole): VideoGrant => ({
  room: meeting.room_name,
  roomJoin: true,
  canPublish: true,
  // Without the microphone for guests while "only hosts can unmute" is on.
  canPublishSources: publishSources(meeting, role),
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
export async function issueToken(
  event: H3Event,
  { roomName, participantName, passcode }: TokenRequest,
  { keepName }: { keepName: boolean },
): Promise<ConnectionDetails> {
  assertNotCrossSite(event, 'Tokens are issued')
  const meeting = (await requireMeeting(roomName, { open: true })) as ControlledMeeting
  const visitor = await useVisitor(event)
  let session = visitor.session!
  if (keepName && participantName && participantName !== session.displayName) session = await session.update({ displayName: participantName })
  // A member is the same person on every device: their identities are theirs.
  if (visitor.member)
    await useDb().query('insert into member_identities (identity, member_id) values ($1, $2) on conflict (identity) do nothing', [
      session.identity,
      visitor.member.id,
    ])
  const role = await roleIn(meeting, visitor)
  const isHost = isHostRole(role)
  const name = participantName ?? session.displayName ?? visitor.member?.displayName ?? 'Guest'
  // No token (and no room opened) for a guest who is waiting, denied, removed, locked out or without the passcode.
  if (!isHost) await admitGuest(event, meeting, { identity: session.identity, name, passcode, knock: false })
  await openRoom(meeting.room_name)
  // "End for all" may have closed the room between the check above and the room's creation.
  if ((await findMeeting(meeting.room_name))?.ended_at) {
    await closeRoom(meeting.room_name).catch((error: Error) => useLogger().warn(`Room of ended meeting "${meeting.room_name}" left open: ${error.message}`))
    throw conflict(`Meeting "${meeting.room_name}" has ended`)
  }
  const livekit = useLivekit()
  // The attribute is for display (the people list, a co-host's controls); what a host may do is
  // decided by the runtime on each request.
  const attributeRole = role === 'cohost' ? 'cohost' : isHost ? 'host' : 'guest'
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: session.identity,
    name,
    ttl: '15m',
    metadata: JSON.stringify({ role: attributeRole }),
    attributes: { role: attributeRole },
  })
  token.addGrant(browserGrant(meeting, attributeRole))
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
