import { defineHandler } from 'h3'
import type { MeetingAnswer } from '#runtime'
import { meetingFromPath, meetingJson } from '../../_lib/meetings.ts'

export default defineHandler(async (event): Promise<MeetingAnswer> => {
  const { meeting, session } = await meetingFromPath(event)
  return { meeting: meetingJson(meeting, session.identity) }
})
