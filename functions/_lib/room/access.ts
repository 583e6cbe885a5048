import type { H3Event } from 'h3'
import { apiError } from '#runtime'
import { assertHost, assertMember, isHostRole, meetingFromPath, roleIn, type MeetingRow } from '../meetings.ts'
import type { Visitor } from '../visitor.ts'
import { findAdmission } from './admission.ts'

/** The columns a host controls (migration 004). */
export interface ControlledMeeting extends MeetingRow {
  lobby: boolean
  locked: boolean
  passcode_hash: string | null
  chat_enabled: boolean
  hosts_only_unmute: boolean
}

export interface Actor {
  meeting: ControlledMeeting
  identity: string
  name: string | null
  host: boolean
}

/** A 403 that says why someone is kept out, for the site to show (`details.reason`). */
export const refused = (reason: 'locked' | 'waiting' | 'denied' | 'removed' | 'passcode' | 'chat_off', message: string) =>
  apiError(403, 'forbidden', message, { reason })

const nameOf = (visitor: Visitor) => visitor.session?.displayName ?? visitor.member?.displayName ?? null

/** The meeting named in the path, asked by one of its hosts (roles are decided in meetings.ts only). */
export async function asHost(event: H3Event, action: string): Promise<Actor> {
  const { meeting, visitor } = await meetingFromPath(event)
  await assertHost(meeting, visitor, action)
  // A host signed in on a device without a session yet has no LiveKit identity: audit names the member.
  const identity = visitor.identity ?? `member:${visitor.member?.id}`
  return { meeting: meeting as ControlledMeeting, identity, name: nameOf(visitor), host: true }
}

/** …asked by someone in it: a host, or a guest who was let in and has not been removed since. */
export async function asMember(event: H3Event): Promise<Actor> {
  const { meeting, visitor } = await meetingFromPath(event)
  const role = await roleIn(meeting, visitor)
  const actor = { meeting: meeting as ControlledMeeting, identity: visitor.identity ?? '', name: nameOf(visitor) }
  if (isHostRole(role) && visitor.identity) return { ...actor, host: true }
  const admission = visitor.identity ? await findAdmission(meeting.id, visitor.identity) : undefined
  if (admission?.state === 'removed') throw refused('removed', 'A host removed you from this meeting')
  if (admission?.state === 'denied') throw refused('denied', 'A host declined your request to join this meeting')
  if (admission?.state !== 'admitted' || !visitor.identity) await assertMember(meeting, visitor)
  if (!visitor.identity) throw refused('waiting', 'Join the meeting first')
  return { ...actor, host: isHostRole(role) }
}
