import type { H3Event } from 'h3'
import { forbidden, notFound, conflict, useDb, useSession, type Meeting } from '#runtime'
import { roomNameSchema } from './room-name.ts'
import { routerParam } from './validate.ts'

export interface MeetingRow {
  id: string
  room_name: string
  host_identity: string
  created_at: Date
  ended_at: Date | null
}

export const meetingJson = (row: MeetingRow, identity: string): Meeting => ({
  id: row.id,
  roomName: row.room_name,
  createdAt: row.created_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
  isHost: row.host_identity === identity,
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

/** The meeting named in the path, and the visitor's session. */
export async function meetingFromPath(event: H3Event) {
  const roomName = routerParam(event, 'roomName', roomNameSchema)
  const [meeting, session] = await Promise.all([requireMeeting(roomName), useSession(event)])
  return { meeting, session }
}

export function assertHost(meeting: MeetingRow, identity: string, action: string): void {
  if (meeting.host_identity !== identity) throw forbidden(`Only the host can ${action}`)
}

/** Hosts and anyone who joined may see a meeting's people and recordings. */
export async function assertMember(meeting: MeetingRow, identity: string): Promise<void> {
  if (meeting.host_identity === identity) return
  const { rowCount } = await useDb().query('select 1 from participants where meeting_id = $1 and identity = $2 limit 1', [meeting.id, identity])
  if (!rowCount) throw forbidden('Only people who joined this meeting can see this')
}
