import { getValidatedRouterParams, type H3Event } from 'h3'
import * as v from 'valibot'
import { forbidden, notFound, conflict, unauthorized, useConfig, useDb, type Meeting, type MeetingRole } from '#runtime'
import { roomNameSchema } from './room-name.ts'
import { useVisitor, type Visitor } from './visitor.ts'

export interface MeetingRow {
  id: string
  room_name: string
  host_identity: string
  owner_member_id: string | null
  created_at: Date
  ended_at: Date | null
}

/**
 * What someone may do in a meeting. `owner`: created it (the member, on any device; in the open
 * mode also the creating browser session); `host`: an admin, anywhere; `cohost`: trusted by the
 * owner for this meeting; `guest`: everyone else.
 */
export type { MeetingRole }

export const isHostRole = (role: MeetingRole) => role !== 'guest'

export const meetingJson = (row: MeetingRow, role: MeetingRole): Meeting => ({
  id: row.id,
  roomName: row.room_name,
  createdAt: row.created_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
  isHost: isHostRole(role),
  role,
})

export async function findMeeting(roomName: string): Promise<MeetingRow | undefined> {
  const { rows } = await useDb().query<MeetingRow>('select * from meetings where room_name = $1', [roomName])
  return rows[0]
}

export async function requireMeeting(roomName: string, { open = false } = {}): Promise<MeetingRow> {
  const meeting = await findMeeting(roomName)
  if (!meeting) throw notFound(`Meeting "${roomName}" does not exist`)
  if (open && meeting.ended_at) throw conflict(`Meeting "${roomName}" has ended`)
  return meeting
}

const roomPath = v.object({ roomName: roomNameSchema })

/** The meeting named in the path, and who is asking (no session is written for a reader). */
export async function meetingFromPath(event: H3Event, { create = false } = {}) {
  const { roomName } = await getValidatedRouterParams(event, roomPath, { decode: true })
  const [meeting, visitor] = await Promise.all([requireMeeting(roomName), useVisitor(event, { create })])
  return { meeting, visitor }
}

/** The one place that decides roles; every host power and every token goes through it. */
export async function roleIn(meeting: MeetingRow, { identity, member }: Visitor): Promise<MeetingRole> {
  if (member && meeting.owner_member_id === member.id) return 'owner'
  // Today's behaviour in the open mode: the browser that created a meeting hosts it.
  if (useConfig().ACCESS_MODE === 'open' && identity && meeting.host_identity === identity) return 'owner'
  if (member?.role === 'admin') return 'host'
  if (!identity) return 'guest'
  const { rowCount } = await useDb().query(
    'select 1 from meeting_cohosts where meeting_id = $1 and (identity = $2 or (member_id is not null and member_id = $3)) limit 1',
    [meeting.id, identity, member?.id ?? null],
  )
  return rowCount ? 'cohost' : 'guest'
}

// Someone who is not signed in is told to sign in (401); a signed-in member without the role, 403.
const refuse = (visitor: Visitor, message: string) =>
  useConfig().ACCESS_MODE === 'members' && !visitor.member ? unauthorized(`${message}; sign in if you are one`) : forbidden(message)

/** Hosts: the owner, admins and co-hosts. */
export async function assertHost(meeting: MeetingRow, visitor: Visitor, action: string): Promise<MeetingRole> {
  const role = await roleIn(meeting, visitor)
  if (!isHostRole(role)) throw refuse(visitor, `Only the meeting's hosts can ${action}`)
  return role
}

/** The owner (and admins): who may hand out and take back host powers and share recordings. */
export async function assertOwner(meeting: MeetingRow, visitor: Visitor, action: string): Promise<MeetingRole> {
  const role = await roleIn(meeting, visitor)
  if (role !== 'owner' && role !== 'host') throw refuse(visitor, `Only the meeting's owner can ${action}`)
  return role
}

/** Hosts and anyone who joined (from any of their devices, for a member) may see a meeting's people. */
export async function assertMember(meeting: MeetingRow, visitor: Visitor): Promise<MeetingRole> {
  const role = await roleIn(meeting, visitor)
  if (isHostRole(role) || (await hasJoined(meeting, visitor))) return role
  throw refuse(visitor, 'Only people who joined this meeting can see this')
}

export async function hasJoined(meeting: MeetingRow, { identity, member }: Visitor): Promise<boolean> {
  if (!identity && !member) return false
  const { rowCount } = await useDb().query(
    `select 1 from participants p where p.meeting_id = $1
       and (p.identity = $2 or p.identity in (select identity from member_identities where member_id = $3)) limit 1`,
    [meeting.id, identity ?? null, member?.id ?? null],
  )
  return Boolean(rowCount)
}
