import { defineHandler } from 'h3'
import type { LobbyList } from '#runtime'
import { asHost } from '../../_lib/room/access.ts'
import { waitingList } from '../../_lib/room/admission.ts'

/** Who waits to be let in, first come first (hosts only). */
export default defineHandler(async (event): Promise<LobbyList> => {
  const { meeting } = await asHost(event, 'see the lobby')
  const requests = await waitingList(meeting.id)
  return { requests: requests.map((r) => ({ identity: r.identity, name: r.name, requestedAt: r.requested_at.toISOString() })) }
})
