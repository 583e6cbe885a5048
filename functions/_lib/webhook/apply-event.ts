import type pg from 'pg'
import type { WebhookEvent } from 'livekit-server-sdk'
import { participantJoined, participantLeft, roomFinished } from './participants.ts'
import { applyEgressInfo } from '../recordings.ts'

/** What to do in Redis once the transaction has committed. */
export type LiveChange = { kind: 'add'; sid: string; identity: string; name: string; joinedAt: string } | { kind: 'remove'; sid: string } | { kind: 'clear' }

// Applies one event inside the webhook's transaction; returns the live-list change it implies.
export async function applyEvent(db: pg.PoolClient, event: WebhookEvent, meetingId: string, analyticsId: string): Promise<LiveChange | undefined> {
  const p = event.participant
  switch (event.event) {
    case 'participant_joined': {
      const row = await participantJoined(db, meetingId, p!)
      await linkParticipant(db, analyticsId, row.id)
      // Already left (the events came in reverse): do not show them as present.
      if (row.left_at) return undefined
      return { kind: 'add', sid: p!.sid, identity: p!.identity, name: p!.name, joinedAt: row.joined_at.toISOString() }
    }
    case 'participant_left': {
      const row = await participantLeft(db, meetingId, p!, event.createdAt)
      await linkParticipant(db, analyticsId, row.id)
      return { kind: 'remove', sid: p!.sid }
    }
    case 'room_finished':
      await roomFinished(db, meetingId, event.createdAt)
      return { kind: 'clear' }
    case 'egress_started':
    case 'egress_updated':
    case 'egress_ended':
      await applyEgressInfo(db, meetingId, event.egressInfo!)
      return undefined
    default:
      // room_started, track_published/unpublished…: the analytics row is the record.
      return undefined
  }
}

const linkParticipant = (db: pg.PoolClient, analyticsId: string, participantId: string) =>
  db.query('update analytics set participant_id = $1 where id = $2', [participantId, analyticsId])
