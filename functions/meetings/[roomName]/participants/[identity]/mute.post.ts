import { defineHandler, readValidatedBody, getValidatedRouterParams } from 'h3'
import * as v from 'valibot'
import type { ModerationAnswer } from '#runtime'
import { asHost } from '../../../../_lib/room/access.ts'
import { identityPath } from '../../../../_lib/cohosts.ts'
import { connectedParticipant, muteSources, TrackSource } from '../../../../_lib/room/live.ts'
import { audit } from '../../../../_lib/audit.ts'

const body = v.object({ source: v.picklist(['microphone', 'camera'], 'must be "microphone" or "camera"') })

/** A host mutes someone's microphone or stops their camera. They may unmute themselves, unless only hosts may. */
export default defineHandler(async (event): Promise<ModerationAnswer> => {
  const { meeting, identity: host } = await asHost(event, 'mute people')
  const { identity } = await getValidatedRouterParams(event, identityPath, { decode: true })
  const { source } = await readValidatedBody(event, body)
  const participant = await connectedParticipant(meeting.room_name, identity)
  const affected = await muteSources(meeting.room_name, participant, [source === 'camera' ? TrackSource.CAMERA : TrackSource.MICROPHONE])
  await audit(host, 'participant.muted', meeting.room_name, { identity, source })
  return { affected }
})
