import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { countStatus, startLoad } from '../../support/load.ts'
import { recordFigure } from '../../support/figures.ts'

let runtime: RunningRuntime
beforeAll(async () => {
  runtime = await startRuntime(useServices())
})
afterAll(() => runtime?.stop())

const joined = (id: string, sid: string) =>
  webhookBody({
    event: 'participant_joined',
    id,
    createdAt: 1_800_000_000,
    room: { name: 'load-shared' },
    participant: { sid, identity: `u_${sid}`, name: sid, joinedAt: '1800000000' },
  })

describe('concurrent clients on the meeting, token and webhook endpoints', () => {
  test('no 5xx, and every acknowledged write is stored exactly once', async () => {
    const { livekitKey, livekitSecret } = useServices()
    const host = new ApiClient(runtime.url)
    expect((await host.post('/meetings', { roomName: 'load-shared' })).status).toBe(201)
    const clients = Array.from({ length: 16 }, () => new ApiClient(runtime.url))
    const created = new Set<string>()
    const webhookIds = new Set<string>()
    let tokens = 0

    const load = startLoad({ workers: clients.length, maxRequests: 1600, maxMs: 10_000 }, async (w, i) => {
      const client = clients[w]
      switch (i % 4) {
        case 0: {
          const roomName = `load-${w}-${i}`
          const response = await client.post('/meetings', { roomName })
          if (response.status === 201) created.add(roomName)
          return response.status
        }
        case 1: {
          const response = await client.post('/token', { roomName: 'load-shared', participantName: `Worker ${w}` })
          if (response.status === 200 && response.body.participantToken) tokens++
          return response.status
        }
        case 2:
          return (await client.get(`/token?roomName=load-shared&participantName=W${w}`)).status
        default: {
          // LiveKit retries webhooks: each event arrives twice, the copies racing each other.
          const id = `EV_load_${w}_${i}`
          const body = joined(id, `PA_load_${w}_${i}`)
          const authorization = await signWebhook(body, livekitKey, livekitSecret)
          const [first, second] = await Promise.all([postWebhook(runtime.url, body, authorization), postWebhook(runtime.url, body, authorization)])
          if (first.status === 200 && second.status === 200) webhookIds.add(id)
          return Math.max(first.status, second.status)
        }
      }
    })
    const tally = await load.done

    const [rows] = await query(
      runtime.databaseUrl,
      `select
      (select count(*)::int from meetings where room_name like 'load-%-%') as meetings,
      (select count(distinct room_name)::int from meetings where room_name like 'load-%-%') as distinct_meetings,
      (select count(*)::int from audit_log where action = 'meeting.created' and target like 'load-%-%') as audits,
      (select count(*)::int from analytics where event_id like 'EV_load_%') as analytics,
      (select count(*)::int from participants where sid like 'PA_load_%') as participants`,
    )
    const stored = (await query<{ room_name: string }>(runtime.databaseUrl, `select room_name from meetings where room_name like 'load-%-%'`)).map(
      (r) => r.room_name,
    )
    const lost = [...created].filter((name) => !stored.includes(name)).length + Math.max(0, webhookIds.size - rows.participants)
    await recordFigure('load-endpoints', {
      area: 'Load',
      scenario: `${clients.length} concurrent clients: meetings, POST/GET token, signed webhooks (each delivered twice at once)`,
      checked: 'no 5xx; every 201 meeting stored once with its audit row; every webhook event stored once',
      requests: tally.requests + webhookIds.size,
      errors: countStatus(tally, 500, 599) + tally.connectionErrors,
      rowsLost: lost,
      notes: `meetings created: ${created.size}, tokens issued: ${tokens}, events stored: ${webhookIds.size}; doubled rows: ${rows.meetings - rows.distinct_meetings + rows.analytics - webhookIds.size}`,
    })

    expect(tally.connectionErrors).toBe(0)
    expect(countStatus(tally, 500, 599)).toBe(0)
    expect(countStatus(tally, 200, 201)).toBe(tally.requests)
    expect(created.size).toBeGreaterThan(50)
    expect(stored.sort()).toEqual([...created].sort())
    expect(rows).toEqual({
      meetings: created.size,
      distinct_meetings: created.size,
      audits: created.size,
      analytics: webhookIds.size,
      participants: webhookIds.size,
    })
  })
})
