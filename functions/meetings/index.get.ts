import { defineHandler } from 'h3'
import { useDb, type MeetingList } from '#runtime'
import { meetingJson, roleIn, type MeetingRow } from '../_lib/meetings.ts'
import { useVisitor } from '../_lib/visitor.ts'

// The visitor's own recent meetings: owned, co-hosted or joined (a member's from any device);
// admins see every meeting. Other people's room names stay private.
export default defineHandler(async (event): Promise<MeetingList> => {
  const visitor = await useVisitor(event, { create: false })
  if (!visitor.identity) return { meetings: [] }
  const admin = visitor.member?.role === 'admin'
  const { rows } = await useDb().query<MeetingRow>(
    `select * from meetings m
      where $3 or m.host_identity = $1 or m.owner_member_id = $2
         or exists (select 1 from meeting_cohosts c where c.meeting_id = m.id and (c.identity = $1 or c.member_id = $2))
         or exists (select 1 from participants p where p.meeting_id = m.id
                     and (p.identity = $1 or p.identity in (select identity from member_identities where member_id = $2)))
      order by m.created_at desc limit 50`,
    [visitor.identity, visitor.member?.id ?? null, admin],
  )
  const meetings = await Promise.all(rows.map(async (row) => meetingJson(row, await roleIn(row, visitor))))
  return { meetings }
})
