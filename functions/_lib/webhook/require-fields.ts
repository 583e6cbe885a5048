import type { WebhookEvent } from 'livekit-server-sdk'
import { badRequest } from '#runtime'

// LiveKit always sends these; a signed event without them cannot be applied, so it is refused.
export function requireEventFields(event: WebhookEvent): void {
  if (!event.id) throw badRequest('id', 'is required')
  if (event.event.startsWith('participant_') && !event.participant?.sid) throw badRequest('participant', 'is required for participant events')
  if (event.event.startsWith('egress_') && !event.egressInfo?.egressId) throw badRequest('egressInfo', 'is required for egress events')
}
