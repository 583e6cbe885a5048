import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { countStatus, startLoad } from '../../support/load.ts'
import { recordFigure } from '../../support/figures.ts'
import { startPostgres, type PostgresHandle, type PostgresOptions } from '../../../native/postgres.ts'
import { freePort } from '../../../native/free-port.ts'

let options: PostgresOptions
let postgres: PostgresHandle
let runtime: RunningRuntime
let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'meet-pg-fault-'))
  options = { dataDir: join(root, 'data'), port: await freePort(), database: 'faults' }
  postgres = await startPostgres(options)
  runtime = await startRuntime(useServices(), { DATABASE_URL: postgres.url })
})
afterAll(async () => {
  await runtime?.stop()
  await postgres?.stop()
  await rm(root, { recursive: true, force: true })
})

const joined = (id: string, sid: string) =>
  webhookBody({
    event: 'participant_joined',
    id,
    createdAt: 1_800_000_000,
    room: { name: 'pg-shared' },
    participant: { sid, identity: `u_${sid}`, name: sid, joinedAt: '1800000000' },
  })

describe('PostgreSQL stopped and restarted while requests run', () => {
  test('requests fail cleanly with 503, succeed again without a runtime restart, and leave no partial rows', async () => {
    const { livekitKey, livekitSecret } = useServices()
    const host = new ApiClient(runtime.url)
    expect((await host.post('/meetings', { roomName: 'pg-shared' })).status).toBe(201)
    const clients = Array.from({ length: 6 }, () => new ApiClient(runtime.url))
    const created = new Set<string>()
    const sent = new Set<string>()
    const undelivered = new Map<string, string>()
    const unexpected: unknown[] = []
    let phase: 'before' | 'down' | 'after' = 'before'
    const successes = { before: 0, down: 0, after: 0 }
    const unavailable = { before: 0, down: 0, after: 0 }

    const note = (status: number, body: { error?: string; message?: string }) => {
      if (status < 300) successes[phase]++
      else if (status === 503 && body.error === 'service_unavailable' && body.message) unavailable[phase]++
      else unexpected.push({ status, body })
      return status
    }
    const load = startLoad({ workers: clients.length, maxRequests: 6000, maxMs: 60_000, pauseMs: 10 }, async (w, i) => {
      if (i % 3 === 0) {
        const roomName = `pg-${w}-${i}`
        const response = await clients[w].post('/meetings', { roomName })
        if (response.status === 201) created.add(roomName)
        return note(response.status, response.body)
      }
      if (i % 3 === 2) {
        // The host ends the meeting it created just before (if it was created).
        const roomName = `pg-${w}-${i - 2}`
        if (!created.has(roomName)) return note(200, {})
        const response = await clients[w].post(`/meetings/${roomName}/end`)
        return note(response.status, response.body)
      }
      const body = joined(`EV_pg_${w}_${i}`, `PA_pg_${w}_${i}`)
      sent.add(`EV_pg_${w}_${i}`)
      const response = await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
      if (response.status !== 200) undelivered.set(`EV_pg_${w}_${i}`, body)
      return note(response.status, response.body)
    })

    await eventually(
      async () => successes.before,
      (n) => n >= 40,
    )
    await postgres.stop()
    phase = 'down'
    await eventually(
      async () => unavailable.down,
      (n) => n >= 30,
    )
    const health = await fetch(`${runtime.url}/health`)
    expect(health.status).toBe(503)
    expect((await health.json()).checks.database.status).toBe('down')
    expect((await fetch(`${runtime.url}/health/ready`)).status).toBe(503)

    postgres = await startPostgres(options)
    phase = 'after'
    await eventually(
      async () => successes.after + load.tally.connectionErrors,
      (n) => n >= 40,
      30_000,
    )
    const tally = await load.stop()

    // LiveKit retries a webhook that was not acknowledged: redelivered now, each must be stored once.
    for (const [, body] of undelivered) expect((await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))).status).toBe(200)

    const stored = (await query<{ room_name: string }>(postgres.url, `select room_name from meetings where room_name like 'pg-%-%'`)).map((r) => r.room_name)
    const [orphans] = await query(
      postgres.url,
      `select
      (select count(*)::int from meetings m where room_name like 'pg-%-%' and not exists (select 1 from audit_log a where a.target = m.room_name and a.action = 'meeting.created')) as meetings_without_audit,
      (select count(*)::int from meetings m where ended_at is not null and not exists (select 1 from audit_log a where a.target = m.room_name and a.action = 'meeting.ended')) as ends_without_audit,
      (select count(*)::int from audit_log a where action = 'meeting.ended' and not exists (select 1 from meetings m where m.room_name = a.target and m.ended_at is not null)) as audits_without_end,
      (select count(*)::int from meetings where ended_at is not null) as ended,
      (select count(*)::int from participants p where not exists (select 1 from analytics a where a.participant_id = p.id)) as participants_without_event,
      (select count(*)::int from analytics where event_type = 'participant_joined' and participant_id is null) as events_without_participant,
      (select count(*)::int from analytics where event_id like 'EV_pg_%') as events,
      (select count(*)::int from participants where sid like 'PA_pg_%') as participants`,
    )
    const webhooks = sent.size
    const lost = [...created].filter((name) => !stored.includes(name)).length + Math.max(0, webhooks - orphans.events)
    await recordFigure('fault-postgres', {
      area: 'Faults',
      scenario: 'PostgreSQL stopped mid-load, restarted on the same data dir and port; runtime left running',
      checked:
        '503 service_unavailable while down (health 503); success again without a restart; no meeting created or ended without its audit row, no participant without its event; redelivered webhooks stored once',
      requests: tally.requests + undelivered.size,
      errors: unexpected.length + tally.connectionErrors,
      rowsLost: lost,
      notes: `2xx before/during/after: ${successes.before}/${successes.down}/${successes.after}; 503 during the outage: ${unavailable.down + unavailable.after}; meetings ended: ${orphans.ended}; partial rows: ${orphans.meetings_without_audit + orphans.ends_without_audit + orphans.audits_without_end + orphans.participants_without_event + orphans.events_without_participant}`,
    })

    // The same process throughout: it neither crashed nor needed a restart.
    expect(runtime.process.exitCode, runtime.output().slice(-4000)).toBeNull()
    expect(unexpected).toEqual([])
    expect(tally.connectionErrors).toBe(0)
    expect(countStatus(tally, 500, 502) + countStatus(tally, 504, 599)).toBe(0)
    // Exactly the acknowledged meetings exist: a 503 left nothing half-written behind.
    expect(stored.sort()).toEqual([...created].sort())
    expect(orphans).toMatchObject({
      meetings_without_audit: 0,
      ends_without_audit: 0,
      audits_without_end: 0,
      participants_without_event: 0,
      events_without_participant: 0,
    })
    expect(orphans.ended).toBeGreaterThan(10)
    expect(orphans.events).toBe(orphans.participants)
    expect(orphans.events).toBe(webhooks)
  }, 120_000)
})
