import { defineHandler } from 'h3'
import { forbidden, useStorage, type RecordingDownload } from '#runtime'
import { routerParam } from '../_lib/validate.ts'
import { assertMember, isHostRole } from '../_lib/meetings.ts'
import { requireRecording } from '../_lib/find-recording.ts'
import { recordingJson } from '../_lib/recordings.ts'
import { useVisitor } from '../_lib/visitor.ts'
import { recordingIdSchema } from '../_lib/recording-id.ts'

// A presigned URL lets the browser download straight from the bucket, for an hour.
export default defineHandler(async (event): Promise<RecordingDownload> => {
  const [{ recording, meeting }, visitor] = await Promise.all([requireRecording(routerParam(event, 'id', recordingIdSchema)), useVisitor(event, { create: false })])
  const role = await assertMember(meeting, visitor)
  // A finished recording the owner has not shared is not there for someone who only joined.
  if (!isHostRole(role) && !recording.shared && (recording.status === 'complete' || recording.status === 'failed')) throw forbidden('Only the meeting\'s hosts can see this recording until the owner shares it')
  const downloadable = recording.status === 'complete' && recording.storage_path
  if (downloadable) await useStorage().assertAvailable()
  const downloadUrl = downloadable ? await useStorage().downloadUrl(recording.storage_path) : null
  return { recording: recordingJson(recording), downloadUrl }
})
