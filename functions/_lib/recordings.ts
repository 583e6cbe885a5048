import { EgressStatus, type EgressInfo } from 'livekit-server-sdk'
import type pg from 'pg'
import * as v from 'valibot'
import { notFound, useDb, useLogger, useRecordingsBucket, type ListedRecording, type Recording, type RecordingStatus } from '#runtime'
import type { MeetingRow } from './meetings.ts'
import { roomNameSchema } from './room-name.ts'

// Recordings: their states and the one order they move in, the rows that hold them and the JSON
// the API answers with. The start/stop functions and the Egress webhook change them only through here.

/** The states in the order a recording moves through them; `complete` and `failed` are both final. */
const RECORDING_STATES = ['starting', 'active', 'ending', 'complete', 'failed'] as const satisfies readonly RecordingStatus[]
const RUNNING_STATES = ['starting', 'active', 'ending'] as const satisfies readonly RecordingStatus[]

export const isRunning = (status: RecordingStatus) => (RUNNING_STATES as readonly RecordingStatus[]).includes(status)
export const isFinished = (status: RecordingStatus) => !isRunning(status)

const sqlList = (states: readonly string[]) => states.map((state) => `'${state}'`).join(', ')

/** SQL: the recording in `column` is still running. */
export const runningSql = (column: string) => `${column} in (${sqlList(RUNNING_STATES)})`

/**
 * SQL: a recording whose state is `from` may take the state `to` (both SQL expressions). Egress
 * events arrive late and twice: a recording only moves forward, and a finished one stays as it is.
 */
const movesForwardSql = (from: string, to: string) =>
  `${runningSql(from)} and array_position(array[${sqlList(RECORDING_STATES)}], ${to}) >= array_position(array[${sqlList(RECORDING_STATES)}], ${from})`

export const recordingIdSchema = v.pipe(v.string('must be a string'), v.uuid('must be a recording id'))
/** `/recordings/[id]…` in a route's path. */
export const recordingPath = v.object({ id: recordingIdSchema })
/** Which meeting's recordings: the start body and the list query. */
export const meetingRecordings = v.object({ roomName: roomNameSchema })

export interface RecordingRow {
  id: string
  meeting_id: string
  room_name: string
  egress_id: string
  storage_path: string
  status: RecordingStatus
  started_at: Date
  completed_at: Date | null
  file_size: string | null
  duration: number | null
  error: string | null
  shared: boolean
}

/** Selects RecordingRow from `recordings r join meetings m`. */
const COLUMNS = 'r.*, m.room_name'

const STATUS: Record<EgressStatus, RecordingStatus> = {
  [EgressStatus.EGRESS_STARTING]: 'starting',
  [EgressStatus.EGRESS_ACTIVE]: 'active',
  [EgressStatus.EGRESS_ENDING]: 'ending',
  [EgressStatus.EGRESS_COMPLETE]: 'complete',
  [EgressStatus.EGRESS_FAILED]: 'failed',
  [EgressStatus.EGRESS_ABORTED]: 'failed',
  // The file up to the limit was written: it is a finished recording.
  [EgressStatus.EGRESS_LIMIT_REACHED]: 'complete',
}

const seconds = (ns: bigint) => Number(ns / 1_000_000_000n)

/** The columns an EgressInfo sets; egress times are nanoseconds. */
function recordingFields(info: EgressInfo, fallbackPath = '') {
  const file = info.fileResults[0]
  const status = STATUS[info.status] ?? 'starting'
  return {
    egressId: info.egressId,
    status,
    storagePath: file?.filename || fallbackPath,
    startedAt: info.startedAt ? seconds(info.startedAt) : null,
    completedAt: isFinished(status) ? seconds(info.endedAt || info.updatedAt) || null : null,
    fileSize: file?.size ? String(file.size) : null,
    duration: file?.duration ? seconds(file.duration) : null,
    error: info.error || null,
  }
}

export const recordingJson = (row: RecordingRow): Recording => ({
  id: row.id,
  roomName: row.room_name,
  egressId: row.egress_id,
  status: row.status,
  storagePath: row.storage_path,
  startedAt: row.started_at.toISOString(),
  completedAt: row.completed_at?.toISOString() ?? null,
  fileSize: row.file_size === null ? null : Number(row.file_size),
  durationSeconds: row.duration,
  error: row.error,
  shared: row.shared,
})

/** Only a complete recording with a file has something to download. */
export const isDownloadable = (row: RecordingRow) => row.status === 'complete' && Boolean(row.storage_path)

type RowWithMeeting = RecordingRow & {
  meeting_host_identity: string
  meeting_owner_member_id: string | null
  meeting_created_at: Date
  meeting_ended_at: Date | null
  meeting_encrypted: boolean
}

/** A recording and the meeting it belongs to, both as stored; 404 when there is none. */
export async function requireRecording(id: string): Promise<{ recording: RecordingRow; meeting: MeetingRow }> {
  const { rows } = await useDb().query<RowWithMeeting>(
    `select ${COLUMNS}, m.host_identity as meeting_host_identity, m.owner_member_id as meeting_owner_member_id,
            m.created_at as meeting_created_at, m.ended_at as meeting_ended_at, m.encrypted as meeting_encrypted
       from recordings r join meetings m on m.id = r.meeting_id where r.id = $1`,
    [id],
  )
  if (!rows[0]) throw notFound(`Recording ${id} does not exist`)
  const { meeting_host_identity, meeting_owner_member_id, meeting_created_at, meeting_ended_at, meeting_encrypted, ...recording } = rows[0]
  const meeting: MeetingRow = {
    id: recording.meeting_id,
    room_name: recording.room_name,
    host_identity: meeting_host_identity,
    owner_member_id: meeting_owner_member_id,
    created_at: meeting_created_at,
    ended_at: meeting_ended_at,
    encrypted: meeting_encrypted,
  }
  return { recording, meeting }
}

/** A meeting's recordings, newest first, each with a download link when its file can be fetched. */
export async function listRecordings(meetingId: string, { everything }: { everything: boolean }): Promise<ListedRecording[]> {
  const { rows } = await useDb().query<RecordingRow>(
    `select ${COLUMNS} from recordings r join meetings m on m.id = r.meeting_id
      where r.meeting_id = $1 and ($2 or r.shared or ${runningSql('r.status')}) order by r.started_at desc`,
    [meetingId, everything],
  )
  // Signing is local; the store is asked (at most every few seconds) whether it is there at all.
  // While it is not, the list still answers, without links.
  const storage = rows.some(isDownloadable)
    ? await useRecordingsBucket()
        .assertAvailable()
        .then(
          () => useRecordingsBucket(),
          () => undefined,
        )
    : undefined
  return Promise.all(
    rows.map(async (row) => ({ ...recordingJson(row), downloadUrl: storage && isDownloadable(row) ? await storage.downloadUrl(row.storage_path) : null })),
  )
}

/** The recording a start created, once Egress accepted it; the egress_started webhook may have stored it first. */
export async function insertStartedRecording(db: pg.PoolClient, meetingId: string, info: EgressInfo, filepath: string): Promise<RecordingRow> {
  const f = recordingFields(info, filepath)
  await db.query(`insert into recordings (meeting_id, egress_id, storage_path, status) values ($1, $2, $3, $4) on conflict (egress_id) do nothing`, [
    meetingId,
    f.egressId,
    f.storagePath,
    f.status,
  ])
  const { rows } = await db.query<RecordingRow>(`select ${COLUMNS} from recordings r join meetings m on m.id = r.meeting_id where r.egress_id = $1`, [
    f.egressId,
  ])
  return rows[0]
}

export async function hasRunningRecording(db: pg.PoolClient, meetingId: string): Promise<boolean> {
  const { rowCount } = await db.query(`select 1 from recordings where meeting_id = $1 and ${runningSql('status')}`, [meetingId])
  return Boolean(rowCount)
}

/**
 * After a stop: `ending` until Egress reports the uploaded file (egress_ended), or `failed` when
 * Egress no longer knows the recording (it will never report). The row as it is afterwards.
 */
export async function markStopped(db: pg.PoolClient, recording: RecordingRow, { egressGone }: { egressGone: boolean }): Promise<RecordingRow> {
  const { rows } = await db.query<Omit<RecordingRow, 'room_name'>>(
    egressGone
      ? `update recordings set status = 'failed', error = 'Egress no longer had this recording', updated_at = now() where id = $1 and ${movesForwardSql('status', "'failed'")} returning *`
      : `update recordings set status = 'ending', updated_at = now() where id = $1 and ${movesForwardSql('status', "'ending'")} returning *`,
    [recording.id],
  )
  return { ...recording, ...rows[0] }
}

/**
 * An Egress report (webhook): upsert by egress id, only ever moving the recording forward.
 * A second running Egress in a meeting (one started with LiveKit's API directly, not through the
 * runtime) breaks the one-running-recording rule: it is set aside until it finishes, when its
 * report is stored like any other. Answering 500 would only make LiveKit send it again.
 */
export async function applyEgressInfo(db: pg.PoolClient, meetingId: string, info: EgressInfo): Promise<void> {
  const f = recordingFields(info)
  // A savepoint, so the refused insert does not abort the webhook's transaction.
  await db.query('savepoint egress_report')
  try {
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
     where ${movesForwardSql('recordings.status', 'excluded.status')}`,
      [meetingId, f.egressId, f.storagePath, f.status, f.startedAt, f.completedAt, f.fileSize, f.duration, f.error],
    )
  } catch (error) {
    if ((error as pg.DatabaseError).constraint !== 'one_running_recording_per_meeting') throw error
    await db.query('rollback to savepoint egress_report')
    useLogger().warn(`Egress ${f.egressId} is a second running recording of meeting ${meetingId}: kept aside until it finishes`)
    return
  }
  await db.query('release savepoint egress_report')
}
