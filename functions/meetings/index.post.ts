import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, useConfig, withTransaction, type MeetingAnswer } from '#runtime'
import { generateRoomName, roomNameSchema } from '../_lib/room-name.ts'
import { meetingJson, type MeetingRow } from '../_lib/meetings.ts'
import { requireMemberIfClosed } from '../_lib/visitor.ts'
import { audit } from '../_lib/audit.ts'

// valibot's object() also takes arrays; a body of `[]` must not create a meeting.
const jsonObject = v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), 'must be a JSON object')
const body = v.optional(v.pipe(jsonObject, v.object({ roomName: v.optional(roomNameSchema), encrypted: v.optional(v.boolean()) })), {})

// The visitor who creates a meeting is its owner: the member (on any device) in the members mode,
// also the creating browser session in the open mode. The lobby starts as LOBBY_DEFAULT says (on
// where members sign in); the owner changes it with PATCH …/settings.
export default defineHandler(async (event): Promise<MeetingAnswer> => {
  const { roomName = generateRoomName(), encrypted = false } = await readValidatedBody(event, body)
  const visitor = await requireMemberIfClosed(event, 'start a meeting')
  const row = await withTransaction(async (db) => {
    const { rows } = await db.query<MeetingRow>(
      'insert into meetings (room_name, host_identity, owner_member_id, lobby, encrypted) values ($1, $2, $3, $4, $5) on conflict (room_name) do nothing returning *',
      [roomName, visitor.identity, visitor.member?.id ?? null, useConfig().LOBBY_DEFAULT, encrypted],
    )
    if (!rows[0]) throw conflict(`Meeting "${roomName}" already exists; join it or pick another name`)
    await audit(
      visitor.identity!,
      'meeting.created',
      roomName,
      { ...(visitor.member ? { memberId: visitor.member.id } : {}), ...(encrypted ? { encrypted } : {}) },
      db,
    )
    return rows[0]
  })
  event.res.status = 201
  return { meeting: meetingJson(row, 'owner') }
})
