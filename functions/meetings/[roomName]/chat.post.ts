import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, useDb, type ChatAnswer } from '#runtime'
import { asMember, refused } from '../../_lib/room/access.ts'
import { chatJson, chatTextSchema, type ChatRow } from '../../_lib/room/chat.ts'
import { signalRoom } from '../../_lib/room/signal.ts'
import { encryptedChatRefused } from '../../_lib/encrypted.ts'

const body = v.object({ text: chatTextSchema })

/**
 * The server is the authority on chat: a message is stored first, then relayed to the room by
 * LiveKit's server API. Rooms accept chat only from the server, so what people see live is exactly
 * what late joiners and reloads read back, and "chat off" and removals hold for everyone.
 */
export default defineHandler(async (event): Promise<ChatAnswer> => {
  const { meeting, identity, name, host } = await asMember(event)
  const { text } = await readValidatedBody(event, body)
  if (meeting.ended_at) throw conflict(`Meeting "${meeting.room_name}" has ended`)
  if (meeting.encrypted) throw encryptedChatRefused()
  if (!meeting.chat_enabled && !host) throw refused('chat_off', 'A host turned chat off')
  const { rows } = await useDb().query<ChatRow>(
    'insert into chat_messages (meeting_id, sender_identity, sender_name, body) values ($1, $2, $3, $4) returning *',
    [meeting.id, identity, name, text],
  )
  const message = chatJson(rows[0])
  await signalRoom(meeting.room_name, 'meet.chat', message)
  event.res.status = 201
  return { message }
})
