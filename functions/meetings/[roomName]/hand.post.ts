import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { forbidden, useLivekit, type HandAnswer } from '#runtime'
import { asMember } from '../../_lib/room/access.ts'
import { identitySchema } from '../../_lib/cohosts.ts'
import { connectedParticipant } from '../../_lib/room/live.ts'

const body = v.object({ raised: v.boolean('must be true or false'), identity: v.optional(identitySchema) })

/**
 * Raised hands live in a participant attribute (`hand`: when it went up) that only this endpoint
 * writes, through LiveKit's server API. Why: attributes reach everyone in the room at once and vanish
 * with the participant, with no state of ours to clean up; and the browser keeps
 * `canUpdateOwnMetadata: false`, which would otherwise also let a guest rewrite their `role`
 * attribute or backdate their hand. The server's clock orders the hands.
 */
export default defineHandler(async (event): Promise<HandAnswer> => {
  const { meeting, identity: caller, host } = await asMember(event)
  const { raised, identity = caller } = await readValidatedBody(event, body)
  if (identity !== caller && (raised || !host)) throw forbidden("Only a host can lower someone else's hand, and nobody can raise it for them")
  await connectedParticipant(meeting.room_name, identity)
  const raisedAt = raised ? new Date().toISOString() : null
  await useLivekit().rooms.updateParticipant(meeting.room_name, identity, { attributes: { hand: raisedAt ?? '' } })
  return { identity, raisedAt }
})
