import { notFound, useDb } from '#runtime'
import { RECORDING_COLUMNS, type RecordingRow } from './recordings.ts'
import type { MeetingRow } from './meetings.ts'

export async function requireRecording(id: string) {
  const { rows } = await useDb().query<RecordingRow & { host_identity: string; owner_member_id: string | null; ended_at: Date | null; encrypted: boolean }>(
    `select ${RECORDING_COLUMNS}, m.host_identity, m.owner_member_id, m.ended_at, m.encrypted from recordings r join meetings m on m.id = r.meeting_id where r.id = $1`,
    [id],
  )
  if (!rows[0]) throw notFound(`Recording ${id} does not exist`)
  const row = rows[0]
  const meeting: MeetingRow = { id: row.meeting_id, room_name: row.room_name, host_identity: row.host_identity, owner_member_id: row.owner_member_id, created_at: row.started_at, ended_at: row.ended_at, encrypted: row.encrypted }
  return { recording: row, meeting }
}
