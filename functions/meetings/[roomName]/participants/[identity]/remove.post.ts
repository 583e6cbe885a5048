import { defineHandler, getValidatedRouterParams } from 'h3'
import { forbidden, useLivekit, withTransaction, type ModerationAnswer } from '#runtime'
import { isHostRole, roleIn } from '../../../../_lib/meetings.ts'
import { asHost } from '../../../../_lib/room/access.ts'
import { decideAdmission } from '../../../../_lib/room/admission.ts'
import { identityPath } from '../../../../_lib/cohosts.ts'
import { connectedParticipants, isHostInRoom } from '../../../../_lib/room/live.ts'
import { audit } from '../../../../_lib/audit.ts'

/**
 * A host removes someone: they are disconnected, and their session gets no new token for this
 * meeting (nor chat) until a host admits them again (PUT …/lobby/:identity).
 */
export default defineHandler(async (event): Promise<ModerationAnswer> => {
  const { meeting, identity: host } = await asHost(event, 'remove people')
  const { identity } = await getValidatedRouterParams(event, identityPath, { decode: true })
  const live = (await connectedParticipants(meeting.room_name)).find((p) => p.identity === identity)
  const role = await roleIn(meeting, { identity, member: undefined, session: undefined })
  if (isHostRole(role) || (live && isHostInRoom(live))) throw forbidden('Hosts cannot be removed; take their host role back first')
  // Stored first: a refused token is what keeps them out, the disconnect only ends the current visit.
  await withTransaction(async (db) => {
    await decideAdmission(meeting.id, identity, 'removed', host, live?.name || null, db)
    await audit(host, 'participant.removed', meeting.room_name, { identity }, db)
  })
  if (live)
    await useLivekit()
      .rooms.removeParticipant(meeting.room_name, identity)
      .catch(() => undefined)
  return { affected: live ? 1 : 0 }
})
