import { defineHandler } from 'h3'
import type { AdmissionAnswer } from '#runtime'
import { isHostRole, meetingFromPath, roleIn } from '../../_lib/meetings.ts'
import { findAdmission } from '../../_lib/room/admission.ts'

/** Where the visitor stands in this meeting; the lobby page asks until a host decides. */
export default defineHandler(async (event): Promise<AdmissionAnswer> => {
  const { meeting, visitor } = await meetingFromPath(event)
  if (isHostRole(await roleIn(meeting, visitor))) return { state: 'admitted' }
  if (!visitor.identity) return { state: 'none' }
  return { state: (await findAdmission(meeting.id, visitor.identity))?.state ?? 'none' }
})
