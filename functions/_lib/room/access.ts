import type { H3Event } from 'h3'
import { apiError } from '#runtime'
import { assertHost, assertMember, isHost, meetingFromPath, type MeetingRow } from '../meetings.ts'
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

/** The meeting named in the path, asked by one of its hosts (roles are decided in meetings.ts only). */
export async function asHost(event: H3Event, action: string): Promise<Actor> {
  const { meeting, session } = await meetingFromPath(event)
  await assertHost(meeting, session.identity, action)
  return { meeting: meeting as ControlledMeeting, identity: session.identity, name: session.displayName, host: true }
}

/** …asked by someone in it: a host, or a guest who was let in and has not been removed since. */
export async function asMember(event: H3Event): Promise<Actor> {
  const { meeting, session } = await meetingFromPath(event)
  const actor = { meeting: meeting as ControlledMeeting, identity: session.identity, name: session.displayName }
  if (await isHost(meeting, session.identity)) return { ...actor, host: true }
  const admission = await findAdmission(meeting.id, session.identity)
  if (admission?.state === 'removed') throw refused('removed', 'A host removed you from this meeting')
  if (admission?.state === 'denied') throw refused('denied', 'A host declined your request to join this meeting')
  if (admission?.state !== 'admitted') await assertMember(meeting, session.identity)
  return { ...actor, host: false }
}
