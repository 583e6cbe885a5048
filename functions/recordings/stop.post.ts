import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, useLivekit, withTransaction, type RecordingAnswer } from '#runtime'
import { assertHost } from '../_lib/meetings.ts'
import { requireRecording } from '../_lib/find-recording.ts'
import { egressUnavailable } from '../_lib/egress.ts'
import { recordingJson, type RecordingRow } from '../_lib/recordings.ts'
import { audit } from '../_lib/audit.ts'
import { useVisitor } from '../_lib/visitor.ts'

const body = v.object({ recordingId: v.pipe(v.string('must be a string'), v.uuid('must be a recording id')) })

export default defineHandler(async (event): Promise<RecordingAnswer> => {
  const { recordingId } = await readValidatedBody(event, body)
  const [{ recording, meeting }, visitor] = await Promise.all([requireRecording(recordingId), useVisitor(event, { create: false })])
  await assertHost(meeting, visitor, 'stop a recording')
  if (recording.status === 'complete' || recording.status === 'failed') throw conflict(`The recording has already ${recording.status === 'complete' ? 'finished' : 'failed'}`)
  const gone = await useLivekit().egress.stopEgress(recording.egress_id).then(
    () => false,
    (error: Error) => {
      if (/does not exist|not found/i.test(error.message)) return true
      throw egressUnavailable(error)
    },
  )
  // "ending" until Egress reports the uploaded file through the egress_ended webhook; an egress
  // LiveKit no longer knows will never report, so that recording is marked failed.
  const rows = await withTransaction(async (db) => {
    const { rows } = await db.query<RecordingRow>(
      gone
        ? `update recordings set status = 'failed', error = 'Egress no longer had this recording', updated_at = now() where id = $1 and recording_status_rank(status) < 3 returning *`
        : `update recordings set status = 'ending', updated_at = now() where id = $1 and recording_status_rank(status) < 2 returning *`,
      [recording.id],
    )
    await audit(visitor.identity!, 'recording.stopped', meeting.room_name, { egressId: recording.egress_id }, db)
    return rows
  })
  return { recording: recordingJson({ ...recording, ...rows[0], room_name: meeting.room_name }) }
})
