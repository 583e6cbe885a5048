import { defineHandler } from 'h3'
import { useLivekit, unavailable, withTransaction, type MeetingAnswer } from '#runtime'
import { assertHost, meetingFromPath, meetingJson, type MeetingRow } from '../../_lib/meetings.ts'
import { audit } from '../../_lib/audit.ts'

// Closing the LiveKit room disconnects everyone; the meeting then refuses new tokens.
export default defineHandler(async (event): Promise<MeetingAnswer> => {
  const { meeting, session } = await meetingFromPath(event)
  assertHost(meeting, session.identity, 'end the meeting')
  await useLivekit().rooms.deleteRoom(meeting.room_name).catch((error: Error & { status?: number }) => {
    // A room nobody joined yet does not exist on the server: nothing to close.
    if (error.status !== 404 && !/not found|does not exist/i.test(error.message)) throw unavailable(`LiveKit could not close the room: ${error.message}`)
  })
  // The end and its audit row are stored together, or neither is.
  const row = await withTransaction(async (db) => {
    const { rows } = await db.query<MeetingRow>('update meetings set ended_at = coalesce(ended_at, now()) where id = $1 returning *', [meeting.id])
    // Chat is kept for the meeting's life only.
    await db.query('delete from chat_messages where meeting_id = $1', [meeting.id])
    await audit(session.identity, 'meeting.ended', meeting.room_name, {}, db)
    return rows[0]
  })
  return { meeting: meetingJson(row, session.identity) }
})
