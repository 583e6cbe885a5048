import * as v from 'valibot'
import { findMeeting } from './meetings.ts'
import type { ControlledMeeting } from './room/access.ts'
import { applyRoleLive } from './room/permissions.ts'

export const identitySchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'must be a participant identity'))
/** `…/[identity]` in a route's path. */
export const identityPath = v.object({ identity: identitySchema })

/**
 * Tells the people in the room about a changed role (the participant attribute `role` the site
 * reads) and changes what LiveKit lets them publish, without a rejoin. Best effort: the role itself
 * lives in PostgreSQL and the next token carries it.
 */
export async function announceRole(roomName: string, identity: string, role: 'cohost' | 'guest'): Promise<void> {
  const meeting = (await findMeeting(roomName)) as ControlledMeeting | undefined
  if (meeting) await applyRoleLive(meeting, identity, role)
}
