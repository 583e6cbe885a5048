import type { MeetingAnswer } from '#runtime'
import { defineHandler } from 'h3'
import { meetingFromPath, meetingJson, roleIn } from '../../_lib/meetings.ts'

export default defineHandler(async (event): Promise<MeetingAnswer> => {
  const { meeting, visitor } = await meetingFromPath(event)
  return { meeting: meetingJson(meeting, await roleIn(meeting, visitor)) }
})
