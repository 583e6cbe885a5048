import { defineHandler } from 'h3'
import { useDb, type MeetingStats } from '#runtime'
import { assertMember, meetingFromPath } from '../../_lib/meetings.ts'

// Figures from the analytics events the webhooks stored and the rows they shaped.
export default defineHandler(async (event): Promise<MeetingStats> => {
  const { meeting, visitor } = await meetingFromPath(event)
  await assertMember(meeting, visitor)
  const { rows } = await useDb().query<{ participants: number; recordings: number; duration: number | null; peak: number | null }>(
    `select
       (select count(distinct identity)::int from participants where meeting_id = $1) as participants,
       (select count(*)::int from recordings where meeting_id = $1 and status = 'complete') as recordings,
       (select extract(epoch from coalesce(max(created_at) filter (where event_type = 'room_finished'), now())
                                - min(created_at) filter (where event_type = 'room_started'))::int
          from analytics where meeting_id = $1) as duration,
       (select max(present)::int from (
          select sum(change) over (order by at, change desc) as present from (
            select joined_at as at, 1 as change from participants where meeting_id = $1
            union all select left_at, -1 from participants where meeting_id = $1 and left_at is not null) moves) running) as peak`,
    [meeting.id],
  )
  const stats = rows[0]
  return {
    participants: stats.participants,
    durationSeconds: Math.max(0, stats.duration ?? 0),
    recordings: stats.recordings,
    peakParticipants: stats.peak ?? 0,
  }
})
