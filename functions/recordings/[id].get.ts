import { defineHandler } from 'h3'
import * as v from 'valibot'
import { useSession, useStorage, type RecordingDownload } from '#runtime'
import { routerParam } from '../_lib/validate.ts'
import { assertMember } from '../_lib/meetings.ts'
import { requireRecording } from '../_lib/find-recording.ts'
import { recordingJson } from '../_lib/recordings.ts'

const id = v.pipe(v.string(), v.uuid('must be a recording id'))

// A presigned URL lets the browser download straight from the bucket, for an hour.
export default defineHandler(async (event): Promise<RecordingDownload> => {
  const [{ recording, meeting }, session] = await Promise.all([requireRecording(routerParam(event, 'id', id)), useSession(event)])
  await assertMember(meeting, session.identity)
  const downloadable = recording.status === 'complete' && recording.storage_path
  if (downloadable) await useStorage().assertAvailable()
  const downloadUrl = downloadable ? await useStorage().downloadUrl(recording.storage_path) : null
  return { recording: recordingJson(recording), downloadUrl }
})
