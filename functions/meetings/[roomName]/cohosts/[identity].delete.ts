import { defineHandler, getValidatedRouterParams } from 'h3'
import { withTransaction, type CohostAnswer } from '#runtime'
import { assertOwner, meetingFromPath } from '../../../_lib/meetings.ts'
import { announceRole, identityPath } from '../../../_lib/cohosts.ts'
import { audit } from '../../../_lib/audit.ts'

// The owner takes host powers back: the co-host's next token is a guest's. Also for a member's
// other identities, so no device of theirs keeps the role.
export default defineHandler(async (event): Promise<CohostAnswer> => {
  const { meeting, visitor } = await meetingFromPath(event)
  const { identity } = await getValidatedRouterParams(event, identityPath, { decode: true })
  await assertOwner(meeting, visitor, 'take back co-host rights')
  await withTransaction(async (db) => {
    await db.query(
      `delete from meeting_cohosts where meeting_id = $1
         and (identity = $2 or member_id = (select member_id from member_identities where identity = $2))`,
      [meeting.id, identity],
    )
    await audit(visitor.identity!, 'cohost.revoked', meeting.room_name, { identity }, db)
  })
  await announceRole(meeting.room_name, identity, 'guest')
  return { identity, role: 'guest' }
})
