import type pg from 'pg'
import { useDb } from '#runtime'

// Who did what to which meeting: host actions are kept for later questions.
export async function audit(actor: string, action: string, target: string, details: Record<string, unknown> = {}, client: pg.ClientBase | pg.Pool = useDb()) {
  await client.query('insert into audit_log (actor_identity, action, target, details) values ($1, $2, $3, $4)', [actor, action, target, details])
}
