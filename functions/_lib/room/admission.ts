import type pg from 'pg'
import { useDb } from '#runtime'

export type AdmissionState = 'waiting' | 'admitted' | 'denied' | 'removed'

export interface AdmissionRow {
  identity: string
  name: string | null
  state: AdmissionState
  requested_at: Date
}

// One row per person and meeting (its primary key), so whatever order requests and decisions
// arrive in, a guest is in exactly one state.
export async function findAdmission(meetingId: string, identity: string): Promise<AdmissionRow | undefined> {
  const { rows } = await useDb().query<AdmissionRow>('select identity, name, state, requested_at from admissions where meeting_id = $1 and identity = $2', [
    meetingId,
    identity,
  ])
  return rows[0]
}

/** A host's decision (or the server's, when the meeting needs none): replaces any earlier state. */
export async function decideAdmission(
  meetingId: string,
  identity: string,
  state: AdmissionState,
  decidedBy: string | null,
  name: string | null = null,
  db: pg.ClientBase | pg.Pool = useDb(),
) {
  await db.query(
    `insert into admissions (meeting_id, identity, name, state, decided_at, decided_by) values ($1, $2, $3, $4, now(), $5)
     on conflict (meeting_id, identity) do update set state = excluded.state, decided_at = now(), decided_by = excluded.decided_by,
       name = coalesce(excluded.name, admissions.name)`,
    [meetingId, identity, name, state, decidedBy],
  )
}

/** A guest knocks: they wait, unless a host already decided (a decision is never undone by knocking again). */
export async function requestAdmission(meetingId: string, identity: string, name: string): Promise<AdmissionState> {
  const { rows } = await useDb().query<{ state: AdmissionState }>(
    `insert into admissions (meeting_id, identity, name, state) values ($1, $2, $3, 'waiting')
     on conflict (meeting_id, identity) do update set name = excluded.name returning state`,
    [meetingId, identity, name],
  )
  return rows[0].state
}

export async function waitingList(meetingId: string): Promise<AdmissionRow[]> {
  const { rows } = await useDb().query<AdmissionRow>(
    "select identity, name, state, requested_at from admissions where meeting_id = $1 and state = 'waiting' order by requested_at, identity",
    [meetingId],
  )
  return rows
}
