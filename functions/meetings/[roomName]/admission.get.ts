import { defineHandler } from 'h3'
import type { AdmissionAnswer } from '#runtime'
import { isHost, meetingFromPath } from '../../_lib/meetings.ts'
import { findAdmission } from '../../_lib/room/admission.ts'

/** Where the visitor stands in this meeting; the lobby page asks until a host decides. */
export default defineHandler(async (event): Promise<AdmissionAnswer> => {
  const { meeting, session } = await meetingFromPath(event)
  if (await isHost(meeting, session.identity)) return { state: 'admitted' }
  return { state: (await findAdmission(meeting.id, session.identity))?.state ?? 'none' }
})
