import type pg from 'pg'
import type { ParticipantInfo } from 'livekit-server-sdk'

// LiveKit gives joinedAtMs on current servers and whole seconds on older ones.
const joinedAt = (p: ParticipantInfo) => (p.joinedAtMs ? Number(p.joinedAtMs) / 1000 : Number(p.joinedAt))

// Rows are keyed by participant sid and both events carry joinedAt, so "left" before "joined"
// (or either twice) still ends with the right joined_at and left_at.
export async function participantJoined(db: pg.PoolClient, meetingId: string, p: ParticipantInfo) {
  const { rows } = await db.query<{ id: string; joined_at: Date; left_at: Date | null }>(
    `insert into participants (meeting_id, sid, identity, name, joined_at) values ($1, $2, $3, $4, to_timestamp($5))
     on conflict (sid) do update set name = excluded.name returning id, joined_at, left_at`,
    [meetingId, p.sid, p.identity, p.name, joinedAt(p)],
  )
  return rows[0]
}

export async function participantLeft(db: pg.PoolClient, meetingId: string, p: ParticipantInfo, at: bigint) {
  const { rows } = await db.query<{ id: string }>(
    `insert into participants (meeting_id, sid, identity, name, joined_at, left_at) values ($1, $2, $3, $4, to_timestamp($5), to_timestamp($6))
     on conflict (sid) do update set left_at = coalesce(participants.left_at, excluded.left_at) returning id`,
    // Event times are whole seconds: never let a leave land before its join.
    [meetingId, p.sid, p.identity, p.name, joinedAt(p), Math.max(Number(at), joinedAt(p))],
  )
  return rows[0]
}

export async function roomFinished(db: pg.PoolClient, meetingId: string, at: bigint) {
  await db.query('update participants set left_at = to_timestamp($2) where meeting_id = $1 and left_at is null', [meetingId, Number(at)])
}
