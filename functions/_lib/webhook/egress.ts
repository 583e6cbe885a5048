import type pg from 'pg'
import type { EgressInfo } from 'livekit-server-sdk'
import { recordingFields } from '../recordings.ts'

// Upsert by egress id; a stale or repeated update never moves a recording backwards.
export async function egressUpdated(db: pg.PoolClient, meetingId: string, info: EgressInfo) {
  const f = recordingFields(info)
  await db.query(
    `insert into recordings (meeting_id, egress_id, storage_path, status, started_at, completed_at, file_size, duration, error, updated_at)
     values ($1, $2, $3, $4, coalesce(to_timestamp($5), now()), to_timestamp($6), $7, $8, $9, now())
     on conflict (egress_id) do update set
       status = excluded.status,
       storage_path = coalesce(nullif(excluded.storage_path, ''), recordings.storage_path),
       completed_at = coalesce(excluded.completed_at, recordings.completed_at),
       file_size = coalesce(excluded.file_size, recordings.file_size),
       duration = coalesce(excluded.duration, recordings.duration),
       error = coalesce(excluded.error, recordings.error),
       updated_at = now()
     where recording_status_rank(recordings.status) < 3
       and recording_status_rank(excluded.status) >= recording_status_rank(recordings.status)`,
    [meetingId, f.egressId, f.storagePath, f.status, f.startedAt, f.completedAt, f.fileSize, f.duration, f.error],
  )
}
