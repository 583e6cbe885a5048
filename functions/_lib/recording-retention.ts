import { useDb, useRecordingsBucket } from '#runtime'
import { audit } from './audit.ts'
import { runningSql } from './recordings.ts'

const batch = 200

/**
 * Deletes finished recordings older than `days` (file, then row), oldest first. A storage
 * failure stops the sweep with the row kept, like a host's delete; the next run goes on.
 */
export async function deleteExpiredRecordings(days: number): Promise<number> {
  const { rows } = await useDb().query<{ id: string; storage_path: string; room_name: string }>(
    `select r.id, r.storage_path, m.room_name from recordings r join meetings m on m.id = r.meeting_id
      where not ${runningSql('r.status')} and coalesce(r.completed_at, r.started_at) < now() - make_interval(days => $1)
      order by coalesce(r.completed_at, r.started_at) limit ${batch}`,
    [days],
  )
  for (const row of rows) {
    if (row.storage_path) await useRecordingsBucket().deleteObject(row.storage_path)
    await useDb().query('delete from recordings where id = $1', [row.id])
    await audit('system', 'recording.expire', row.room_name, { recordingId: row.id, storagePath: row.storage_path, retentionDays: days })
  }
  return rows.length
}
