import { defineHandler } from 'h3'
import { useDb, useLivekit, unavailable } from '#runtime'
import { assertHost, meetingFromPath, meetingJson, type MeetingRow } from '../../_lib/meetings.ts'
import { audit } from '../../_lib/audit.ts'

// Closing the LiveKit room disconnects everyone; the meeting then refuses new tokens.
export default defineHandler(async (event) => {
  const { meeting, session } = await meetingFromPath(event)
  assertHost(meeting, session.identity, 'end the meeting')
  await useLivekit().rooms.deleteRoom(meeting.room_name).catch((error: Error & { status?: number }) => {
    // A room nobody joined yet does not exist on the server: nothing to close.
    if (error.status !== 404 && !/not found|does not exist/i.test(error.message)) throw unavailable(`LiveKit could not close the room: ${error.message}`)
  })
  const { rows } = await useDb().query<MeetingRow>('update meetings set ended_at = coalesce(ended_at, now()) where id = $1 returning *', [meeting.id])
  await audit(session.identity, 'meeting.ended', meeting.room_name)
  return { meeting: meetingJson(rows[0], session.identity) }
})
