import type pg from 'pg'
import type { WebhookEvent } from 'livekit-server-sdk'

/**
 * Stores the event in analytics, keyed by LiveKit's event id. Returns the row id, or undefined
 * when the event was seen before: a redelivery then changes nothing.
 */
export async function recordEvent(db: pg.PoolClient, event: WebhookEvent, meetingId: string | undefined): Promise<string | undefined> {
  const data = {
    room: event.room?.name,
    participant: event.participant && { identity: event.participant.identity, sid: event.participant.sid },
    track: event.track && { sid: event.track.sid, type: event.track.type, source: event.track.source },
    egress: event.egressInfo && { egressId: event.egressInfo.egressId, status: event.egressInfo.status },
  }
  const { rows } = await db.query<{ id: string }>(
    `insert into analytics (meeting_id, event_id, event_type, event_data, created_at)
     values ($1, $2, $3, $4, to_timestamp($5)) on conflict (event_id) do nothing returning id`,
    [meetingId ?? null, event.id, event.event, data, Number(event.createdAt)],
  )
  return rows[0]?.id
}
