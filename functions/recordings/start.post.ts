import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, useStorage, withTransaction, type RecordingAnswer } from '#runtime'
import { roomNameSchema } from '../_lib/room-name.ts'
import { assertHost, requireMeeting } from '../_lib/meetings.ts'
import { startRoomRecording } from '../_lib/egress.ts'
import { recordingFields, recordingJson, RECORDING_COLUMNS, type RecordingRow } from '../_lib/recordings.ts'
import { audit } from '../_lib/audit.ts'
import { encryptedRecordingRefused } from '../_lib/encrypted.ts'
import { useVisitor } from '../_lib/visitor.ts'

const body = v.object({ roomName: roomNameSchema })

// The row is written only once Egress has accepted: an unavailable Egress leaves nothing behind.
export default defineHandler(async (event): Promise<RecordingAnswer> => {
  const { roomName } = await readValidatedBody(event, body)
  const [meeting, visitor] = await Promise.all([requireMeeting(roomName, { open: true }), useVisitor(event, { create: false })])
  await assertHost(meeting, visitor, 'start a recording')
  if (meeting.encrypted) throw encryptedRecordingRefused()
  // Egress would record into a store it cannot upload to.
  await useStorage().assertAvailable()
  const row = await withTransaction(async (db) => {
    // Serialises starts per meeting, so two clicks cannot start two recordings.
    await db.query('select pg_advisory_xact_lock(hashtext($1))', [meeting.id])
    const running = await db.query(`select 1 from recordings where meeting_id = $1 and status in ('starting', 'active', 'ending')`, [meeting.id])
    if (running.rowCount) throw conflict('A recording is already running in this meeting')
    const { info, filepath } = await startRoomRecording(meeting.room_name)
    const f = recordingFields(info, filepath)
    // The egress_started webhook may have stored it already: keep that row.
    await db.query(
      `insert into recordings (meeting_id, egress_id, storage_path, status) values ($1, $2, $3, $4) on conflict (egress_id) do nothing`,
      [meeting.id, f.egressId, f.storagePath, f.status],
    )
    await audit(visitor.identity!, 'recording.started', meeting.room_name, { egressId: f.egressId }, db)
    const { rows } = await db.query<RecordingRow>(`select ${RECORDING_COLUMNS} from recordings r join meetings m on m.id = r.meeting_id where r.egress_id = $1`, [f.egressId])
    return rows[0]
  })
  event.res.status = 201
  return { recording: recordingJson(row) }
})
