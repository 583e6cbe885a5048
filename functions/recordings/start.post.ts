import { defineHandler, readValidatedBody } from 'h3'
import { conflict, useRecordingsBucket, withTransaction, type RecordingAnswer } from '#runtime'
import { assertHost, requireMeeting } from '../_lib/meetings.ts'
import { startRoomRecording } from '../_lib/egress.ts'
import { hasRunningRecording, insertStartedRecording, meetingRecordings, recordingJson } from '../_lib/recordings.ts'
import { audit } from '../_lib/audit.ts'
import { useVisitor } from '../_lib/visitor.ts'

// The row is written only once Egress has accepted: an unavailable Egress leaves nothing behind.
export default defineHandler(async (event): Promise<RecordingAnswer> => {
  const { roomName } = await readValidatedBody(event, meetingRecordings)
  const [meeting, visitor] = await Promise.all([requireMeeting(roomName, { open: true }), useVisitor(event, { create: false })])
  await assertHost(meeting, visitor, 'start a recording')
  // Egress would record into a store it cannot upload to.
  await useRecordingsBucket().assertAvailable()
  const row = await withTransaction(async (db) => {
    // Serialises starts per meeting, so two clicks cannot start two recordings.
    await db.query('select pg_advisory_xact_lock(hashtext($1))', [meeting.id])
    if (await hasRunningRecording(db, meeting.id)) throw conflict('A recording is already running in this meeting')
    const { info, filepath } = await startRoomRecording(meeting.room_name)
    const recording = await insertStartedRecording(db, meeting.id, info, filepath)
    await audit(visitor.identity!, 'recording.started', meeting.room_name, { egressId: recording.egress_id }, db)
    return recording
  })
  event.res.status = 201
  return { recording: recordingJson(row) }
})
