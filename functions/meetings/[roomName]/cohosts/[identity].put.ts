import { defineHandler, getValidatedRouterParams } from 'h3'
import { notFound, useDb, withTransaction, type CohostAnswer } from '#runtime'
import { assertOwner, meetingFromPath } from '../../../_lib/meetings.ts'
import { announceRole, identityPath } from '../../../_lib/cohosts.ts'
import { audit } from '../../../_lib/audit.ts'

// The owner makes someone who joined a co-host: host powers in this meeting only. A member keeps
// them on every device; a guest keeps them in this browser session.
export default defineHandler(async (event): Promise<CohostAnswer> => {
  const { meeting, visitor } = await meetingFromPath(event)
  const { identity } = await getValidatedRouterParams(event, identityPath, { decode: true })
  await assertOwner(meeting, visitor, 'make co-hosts')
  const joined = await useDb().query<{ member_id: string | null }>(
    `select (select member_id from member_identities where identity = $2) as member_id
       from participants where meeting_id = $1 and identity = $2 limit 1`,
    [meeting.id, identity],
  )
  if (!joined.rows[0]) throw notFound(`Nobody with the identity ${identity} joined this meeting`)
  await withTransaction(async (db) => {
    await db.query(
      `insert into meeting_cohosts (meeting_id, identity, member_id, granted_by) values ($1, $2, $3, $4)
       on conflict (meeting_id, identity) do update set member_id = excluded.member_id`,
      [meeting.id, identity, joined.rows[0].member_id, visitor.identity],
    )
    await audit(visitor.identity!, 'cohost.granted', meeting.room_name, { identity }, db)
  })
  await announceRole(meeting.room_name, identity, 'cohost')
  return { identity, role: 'cohost' }
})
