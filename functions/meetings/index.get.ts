import { defineHandler } from 'h3'
import { useDb, useSession, type MeetingList } from '#runtime'
import { meetingJson, type MeetingRow } from '../_lib/meetings.ts'

// The visitor's own recent meetings: hosted or joined. Other people's room names stay private.
export default defineHandler(async (event): Promise<MeetingList> => {
  const session = await useSession(event)
  const { rows } = await useDb().query<MeetingRow>(
    `select * from meetings m
      where m.host_identity = $1 or exists (select 1 from participants p where p.meeting_id = m.id and p.identity = $1)
      order by m.created_at desc limit 50`,
    [session.identity],
  )
  return { meetings: rows.map((row) => meetingJson(row, session.identity)) }
})
