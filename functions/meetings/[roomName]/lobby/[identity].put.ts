import { defineHandler, readValidatedBody, getValidatedRouterParams } from 'h3'
import * as v from 'valibot'
import { withTransaction, type LobbyDecisionAnswer } from '#runtime'
import { asHost } from '../../../_lib/room/access.ts'
import { decideAdmission } from '../../../_lib/room/admission.ts'
import { identityPath } from '../../../_lib/cohosts.ts'
import { signalRoom } from '../../../_lib/room/signal.ts'
import { audit } from '../../../_lib/audit.ts'

const body = v.object({ decision: v.picklist(['admit', 'deny'], 'must be "admit" or "deny"') })

/**
 * A host lets someone in or turns them away. Admitting also lets a removed or denied person back:
 * the latest decision is the one that holds.
 */
export default defineHandler(async (event): Promise<LobbyDecisionAnswer> => {
  const { meeting, identity: host } = await asHost(event, 'decide who comes in')
  const { identity } = await getValidatedRouterParams(event, identityPath, { decode: true })
  const { decision } = await readValidatedBody(event, body)
  const state = decision === 'admit' ? 'admitted' : 'denied'
  await withTransaction(async (db) => {
    await decideAdmission(meeting.id, identity, state, host, null, db)
    await audit(host, `lobby.${state}`, meeting.room_name, { identity }, db)
  })
  // Other hosts' lists update at once; the guest's lobby page learns it on its next ask.
  await signalRoom(meeting.room_name, 'meet.lobby', { type: 'decided' })
  return { identity, state }
})
