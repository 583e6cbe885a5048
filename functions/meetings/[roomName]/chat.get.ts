import { defineHandler, getValidatedQuery } from 'h3'
import * as v from 'valibot'
import { useDb, type ChatHistory } from '#runtime'
import { asMember } from '../../_lib/room/access.ts'
import { chatJson, type ChatRow } from '../../_lib/room/chat.ts'

// `after`: the last id the room has, to catch up after a reconnect without reading it all again.
const query = v.object({ after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,18}$/, 'must be a message id'))) })

const LIMIT = 500

/** The meeting's chat so far (the latest 500 messages), oldest first. */
export default defineHandler(async (event): Promise<ChatHistory> => {
  const { meeting } = await asMember(event)
  const { after } = await getValidatedQuery(event, query)
  const { rows } = await useDb().query<ChatRow>(
    `select * from (select * from chat_messages where meeting_id = $1 and id > $2 order by id desc limit ${LIMIT}) latest order by id`,
    [meeting.id, after ?? '0'],
  )
  return { enabled: meeting.chat_enabled, messages: rows.map(chatJson) }
})
