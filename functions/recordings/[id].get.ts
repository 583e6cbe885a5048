import { defineHandler, getValidatedRouterParams } from 'h3'
import { forbidden, useRecordingsBucket, type RecordingDownload } from '#runtime'
import { assertMember, isHostRole } from '../_lib/meetings.ts'
import { isDownloadable, isFinished, recordingJson, recordingPath, requireRecording } from '../_lib/recordings.ts'
import { useVisitor } from '../_lib/visitor.ts'

// A presigned URL lets the browser download straight from the bucket, for an hour.
export default defineHandler(async (event): Promise<RecordingDownload> => {
  const { id } = await getValidatedRouterParams(event, recordingPath)
  const [{ recording, meeting }, visitor] = await Promise.all([requireRecording(id), useVisitor(event, { create: false })])
  const role = await assertMember(meeting, visitor)
  // A finished recording the owner has not shared is not there for someone who only joined.
  if (!isHostRole(role) && !recording.shared && isFinished(recording.status))
    throw forbidden("Only the meeting's hosts can see this recording until the owner shares it")
  const downloadable = isDownloadable(recording)
  if (downloadable) await useRecordingsBucket().assertAvailable()
  const downloadUrl = downloadable ? await useRecordingsBucket().downloadUrl(recording.storage_path) : null
  return { recording: recordingJson(recording), downloadUrl }
})
