import { defineHandler } from 'h3'
import { useLogger, withTransaction, type MeetingAnswer } from '#runtime'
import { assertHost, meetingFromPath, meetingJson, type MeetingRow } from '../../_lib/meetings.ts'
import { closeRoom } from '../../_lib/livekit-room.ts'
import { audit } from '../../_lib/audit.ts'

// Closing the LiveKit room disconnects everyone; the meeting then refuses new tokens, and LiveKit
// creates no room on a join, so tokens issued before the end have nothing to join.
export default defineHandler(async (event): Promise<MeetingAnswer> => {
  const { meeting, visitor } = await meetingFromPath(event)
  const role = await assertHost(meeting, visitor, 'end the meeting')
  // LiveKit unreachable: 503, and the meeting stays open rather than ended with people still in it.
  await closeRoom(meeting.room_name)
  // The end and its audit row are stored together, or neither is.
  const row = await withTransaction(async (db) => {
    const { rows } = await db.query<MeetingRow>('update meetings set ended_at = coalesce(ended_at, now()) where id = $1 returning *', [meeting.id])
    // Chat is kept for the meeting's life only.
    await db.query('delete from chat_messages where meeting_id = $1', [meeting.id])
    await audit(visitor.identity!, 'meeting.ended', meeting.room_name, {}, db)
    return rows[0]
  })
  // A token issued while this ran may have opened the room again after the first close.
  await closeRoom(meeting.room_name).catch((error: Error) =>
    useLogger().warn(`Room of ended meeting "${meeting.room_name}" may be open again: ${error.message}`),
  )
  return { meeting: meetingJson(row, role) }
})
