import { defineHandler, getValidatedQuery } from 'h3'
import * as v from 'valibot'
import { useDb, useSession, type RecordingList } from '#runtime'
import { roomNameSchema } from '../_lib/room-name.ts'
import { assertMember, requireMeeting } from '../_lib/meetings.ts'
import { recordingJson, RECORDING_COLUMNS, type RecordingRow } from '../_lib/recordings.ts'

const query = v.object({ roomName: roomNameSchema })

export default defineHandler(async (event): Promise<RecordingList> => {
  const { roomName } = await getValidatedQuery(event, query)
  const [meeting, session] = await Promise.all([requireMeeting(roomName), useSession(event)])
  await assertMember(meeting, session.identity)
  const { rows } = await useDb().query<RecordingRow>(
    `select ${RECORDING_COLUMNS} from recordings r join meetings m on m.id = r.meeting_id where r.meeting_id = $1 order by r.started_at desc`,
    [meeting.id],
  )
  return { recordings: rows.map(recordingJson) }
})
