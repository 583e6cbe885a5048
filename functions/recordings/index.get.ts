import { defineHandler, getValidatedQuery } from 'h3'
import type { RecordingList } from '#runtime'
import { assertMember, isHostRole, requireMeeting } from '../_lib/meetings.ts'
import { listRecordings, meetingRecordings } from '../_lib/recordings.ts'
import { useVisitor } from '../_lib/visitor.ts'

// Hosts see every recording of the meeting; people who joined see the ones the owner shared, and
// any that is running: everyone in a meeting has a right to know it is being recorded. Each
// finished file comes with its download link, so the recordings page needs this one call.
export default defineHandler(async (event): Promise<RecordingList> => {
  const { roomName } = await getValidatedQuery(event, meetingRecordings)
  const [meeting, visitor] = await Promise.all([requireMeeting(roomName), useVisitor(event, { create: false })])
  const role = await assertMember(meeting, visitor)
  return { recordings: await listRecordings(meeting.id, { everything: isHostRole(role) }) }
})
