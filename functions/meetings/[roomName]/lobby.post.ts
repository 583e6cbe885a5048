import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, type AdmissionAnswer, type FunctionMeta } from '#runtime'
import { isHostRole, meetingFromPath, roleIn } from '../../_lib/meetings.ts'
import { useVisitor } from '../../_lib/visitor.ts'
import { displayNameSchema } from '../../_lib/display-name.ts'
import type { ControlledMeeting } from '../../_lib/room/access.ts'
import { admitGuest } from '../../_lib/room/gate.ts'
import { passcodeAttemptSchema } from '../../_lib/room/passcode.ts'

// Knocking costs a passcode check and a notice to the hosts: the token tier's limit.
export const meta: FunctionMeta = { rateLimit: 'token' }

const body = v.object({ participantName: displayNameSchema, passcode: v.optional(passcodeAttemptSchema) })

/** A guest asks to come in with their name (and the passcode, if the meeting has one). */
export default defineHandler(async (event): Promise<AdmissionAnswer> => {
  const { meeting } = await meetingFromPath(event)
  const { participantName, passcode } = await readValidatedBody(event, body)
  if (meeting.ended_at) throw conflict(`Meeting "${meeting.room_name}" has ended`)
  // Knocking needs a session: the decision is kept for it.
  const visitor = await useVisitor(event)
  let session = visitor.session!
  if (participantName !== session.displayName) session = await session.update({ displayName: participantName })
  if (isHostRole(await roleIn(meeting, visitor))) return { state: 'admitted' }
  const state = await admitGuest(event, meeting as ControlledMeeting, { identity: session.identity, name: participantName, passcode, knock: true })
  return { state }
})
