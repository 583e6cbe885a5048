import { defineHandler, getValidatedRouterParams } from 'h3'
import { conflict, useRecordingsBucket, withTransaction } from '#runtime'
import { assertHost } from '../_lib/meetings.ts'
import { isRunning, recordingPath, requireRecording } from '../_lib/recordings.ts'
import { useVisitor } from '../_lib/visitor.ts'
import { audit } from '../_lib/audit.ts'

// The host deletes a recording: the file first, then the row. If storage fails the row stays
// (503 says so), so a retry can finish the job and nothing points at a file that is gone.
export default defineHandler(async (event): Promise<null> => {
  const { id } = await getValidatedRouterParams(event, recordingPath)
  const [{ recording, meeting }, visitor] = await Promise.all([requireRecording(id), useVisitor(event, { create: false })])
  await assertHost(meeting, visitor, 'delete a recording')
  if (isRunning(recording.status)) throw conflict('The recording is still running: stop it before deleting it')
  if (recording.storage_path) await useRecordingsBucket().deleteObject(recording.storage_path)
  await withTransaction(async (db) => {
    await db.query('delete from recordings where id = $1', [recording.id])
    await audit(
      visitor.identity!,
      'recording.delete',
      meeting.room_name,
      { recordingId: recording.id, storagePath: recording.storage_path, fileSize: recording.file_size },
      db,
    )
  })
  event.res.status = 204
  return null
})
