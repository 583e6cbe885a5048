import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, withTransaction, type RecordingAnswer } from '#runtime'
import { assertHost } from '../_lib/meetings.ts'
import { stopEgress } from '../_lib/egress.ts'
import { isFinished, markStopped, recordingIdSchema, recordingJson, requireRecording } from '../_lib/recordings.ts'
import { audit } from '../_lib/audit.ts'
import { useVisitor } from '../_lib/visitor.ts'

const body = v.object({ recordingId: recordingIdSchema })

export default defineHandler(async (event): Promise<RecordingAnswer> => {
  const { recordingId } = await readValidatedBody(event, body)
  const [{ recording, meeting }, visitor] = await Promise.all([requireRecording(recordingId), useVisitor(event, { create: false })])
  await assertHost(meeting, visitor, 'stop a recording')
  if (isFinished(recording.status)) throw conflict(`The recording has already ${recording.status === 'complete' ? 'finished' : 'failed'}`)
  const { gone } = await stopEgress(recording.egress_id)
  const stopped = await withTransaction(async (db) => {
    const row = await markStopped(db, recording, { egressGone: gone })
    await audit(visitor.identity!, 'recording.stopped', meeting.room_name, { egressId: recording.egress_id }, db)
    return row
  })
  return { recording: recordingJson(stopped) }
})
