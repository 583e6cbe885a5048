import { defineHandler, getValidatedRouterParams, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { withTransaction, type RecordingAnswer } from '#runtime'
import { assertOwner } from '../../_lib/meetings.ts'
import { recordingJson, recordingPath, requireRecording } from '../../_lib/recordings.ts'
import { useVisitor } from '../../_lib/visitor.ts'
import { audit } from '../../_lib/audit.ts'

const body = v.object({ shared: v.boolean('must be true or false') })

// The owner shares a recording with everyone who joined the meeting, or takes it back to the hosts.
export default defineHandler(async (event): Promise<RecordingAnswer> => {
  const { id } = await getValidatedRouterParams(event, recordingPath)
  const { shared } = await readValidatedBody(event, body)
  const [{ recording, meeting }, visitor] = await Promise.all([requireRecording(id), useVisitor(event, { create: false })])
  await assertOwner(meeting, visitor, 'share a recording')
  await withTransaction(async (db) => {
    await db.query('update recordings set shared = $2 where id = $1', [recording.id, shared])
    await audit(visitor.identity!, shared ? 'recording.shared' : 'recording.unshared', meeting.room_name, { recordingId: recording.id }, db)
  })
  return { recording: recordingJson({ ...recording, shared }) }
})
