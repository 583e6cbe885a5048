import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, useSession, withTransaction, type MeetingAnswer } from '#runtime'
import { generateRoomName, roomNameSchema } from '../_lib/room-name.ts'
import { meetingJson, type MeetingRow } from '../_lib/meetings.ts'
import { audit } from '../_lib/audit.ts'

// valibot's object() also takes arrays; a body of `[]` must not create a meeting.
const jsonObject = v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), 'must be a JSON object')
const body = v.optional(v.pipe(jsonObject, v.object({ roomName: v.optional(roomNameSchema) })), {})

// The visitor who creates a meeting is its host.
export default defineHandler(async (event): Promise<MeetingAnswer> => {
  const { roomName = generateRoomName() } = await readValidatedBody(event, body)
  const session = await useSession(event)
  const row = await withTransaction(async (db) => {
    const { rows } = await db.query<MeetingRow>(
      'insert into meetings (room_name, host_identity) values ($1, $2) on conflict (room_name) do nothing returning *',
      [roomName, session.identity],
    )
    if (!rows[0]) throw conflict(`Meeting "${roomName}" already exists; join it or pick another name`)
    await audit(session.identity, 'meeting.created', roomName, {}, db)
    return rows[0]
  })
  event.res.status = 201
  return { meeting: meetingJson(row, session.identity) }
})
