import { EgressStatus, type EgressInfo } from 'livekit-server-sdk'
import type { Recording, RecordingStatus } from '#runtime'

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
export function recordingFields(info: EgressInfo, fallbackPath = '') {
  const file = info.fileResults[0]
  const status = STATUS[info.status] ?? 'starting'
  return {
    egressId: info.egressId,
    status,
    storagePath: file?.filename || fallbackPath,
    startedAt: info.startedAt ? seconds(info.startedAt) : null,
    completedAt: status === 'complete' || status === 'failed' ? seconds(info.endedAt || info.updatedAt) || null : null,
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

export const RECORDING_COLUMNS = 'r.*, m.room_name'
