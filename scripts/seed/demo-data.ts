import type pg from 'pg'

const HOST = 'u_demo_host'
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)

// Two meetings (one live, one ended), people who came and went, and one finished recording.
export async function seedDemoData(db: pg.Pool) {
  const meeting = async (roomName: string, createdMinutesAgo: number, endedMinutesAgo: number | null) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into meetings (room_name, host_identity, created_at, ended_at) values ($1, $2, $3, $4)
       on conflict (room_name) do update set room_name = excluded.room_name returning id`,
      [roomName, HOST, minutesAgo(createdMinutesAgo), endedMinutesAgo === null ? null : minutesAgo(endedMinutesAgo)],
    )
    return rows[0].id
  }
  const standup = await meeting('demo-standup', 30, null)
  const retro = await meeting('demo-retro', 24 * 60, 23 * 60)
  const people: Array<[string, string, string, number, number | null]> = [
    [standup, 'PA_demo_1', 'Ada', 29, null],
    [standup, 'PA_demo_2', 'Grace', 28, 5],
    [retro, 'PA_demo_3', 'Ada', 24 * 60, 23 * 60],
    [retro, 'PA_demo_4', 'Linus', 24 * 60 - 2, 23 * 60 + 10],
  ]
  for (const [meetingId, sid, name, joined, left] of people) {
    await db.query(
      `insert into participants (meeting_id, sid, identity, name, joined_at, left_at) values ($1, $2, $3, $4, $5, $6) on conflict (sid) do nothing`,
      [meetingId, sid, `u_demo_${name.toLowerCase()}`, name, minutesAgo(joined), left === null ? null : minutesAgo(left)],
    )
  }
  await db.query(
    `insert into recordings (meeting_id, egress_id, storage_path, status, started_at, completed_at, file_size, duration)
     values ($1, 'EG_demo_1', 'recordings/demo-retro/demo.mp4', 'complete', $2, $3, 5242880, 1500) on conflict (egress_id) do nothing`,
    [retro, minutesAgo(24 * 60 - 5), minutesAgo(23 * 60 + 35)],
  )
  return { meetings: 2, participants: people.length, recordings: 1 }
}
