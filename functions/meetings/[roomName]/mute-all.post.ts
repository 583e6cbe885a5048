import { defineHandler } from 'h3'
import type { ModerationAnswer } from '#runtime'
import { asHost } from '../../_lib/room/access.ts'
import { connectedParticipants, isHostInRoom, muteSources, TrackSource } from '../../_lib/room/live.ts'
import { audit } from '../../_lib/audit.ts'

/** Every microphone but the hosts' goes quiet. */
export default defineHandler(async (event): Promise<ModerationAnswer> => {
  const { meeting, identity: host } = await asHost(event, 'mute everyone')
  const people = (await connectedParticipants(meeting.room_name)).filter((p) => !isHostInRoom(p) && p.identity !== host)
  const counts = await Promise.all(people.map((p) => muteSources(meeting.room_name, p, [TrackSource.MICROPHONE])))
  const affected = counts.reduce((a, b) => a + b, 0)
  await audit(host, 'meeting.muted_all', meeting.room_name, { affected })
  return { affected }
})
