import { defineHandler } from 'h3'
import { useDb, type Participant, type Participants } from '#runtime'
import { assertMember, meetingFromPath } from '../../_lib/meetings.ts'
import { listLive } from '../../_lib/live-participants.ts'

interface Row {
  identity: string
  name: string | null
  joined_at: Date
  left_at: Date | null
}

// Who is here now (Redis, kept by webhooks) and who was (PostgreSQL).
export default defineHandler(async (event): Promise<Participants> => {
  const { meeting, visitor } = await meetingFromPath(event)
  await assertMember(meeting, visitor)
  const { rows } = await useDb().query<Row>('select identity, name, joined_at, left_at from participants where meeting_id = $1 order by joined_at', [
    meeting.id,
  ])
  const toJson = (r: Row): Participant => ({ identity: r.identity, name: r.name, joinedAt: r.joined_at.toISOString() })
  const live = (await listLive(meeting.room_name)) ?? rows.filter((r) => !r.left_at).map(toJson)
  const past = rows.filter((r) => r.left_at).map((r) => ({ ...toJson(r), leftAt: r.left_at!.toISOString() }))
  return { live, past }
})
