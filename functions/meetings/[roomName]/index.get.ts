import { defineHandler } from 'h3'
import { meetingFromPath, meetingJson } from '../../_lib/meetings.ts'

export default defineHandler(async (event) => {
  const { meeting, session } = await meetingFromPath(event)
  return { meeting: meetingJson(meeting, session.identity) }
})
