import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'

let runtime: RunningRuntime
const keys = () => [useServices().livekitKey, useServices().livekitSecret] as const
const count = async () =>
  (await query(runtime.databaseUrl, 'select (select count(*) from analytics)::int as a, (select count(*) from participants)::int as p'))[0]

beforeAll(async () => {
  runtime = await startRuntime(useServices())
  await new ApiClient(runtime.url).post('/meetings', { roomName: 'hooks' })
})
afterAll(() => runtime?.stop())

const joined = (id: string, sid: string, at = 1_800_000_000) =>
  webhookBody({
    event: 'participant_joined',
    id,
    createdAt: at,
    room: { name: 'hooks' },
    participant: { sid, identity: `u_${sid}`, name: sid, joinedAt: String(at) },
  })
const left = (id: string, sid: string, at = 1_800_000_100) =>
  webhookBody({
    event: 'participant_left',
    id,
    createdAt: at,
    room: { name: 'hooks' },
    participant: { sid, identity: `u_${sid}`, name: sid, joinedAt: '1800000000' },
  })

describe('webhook signatures', () => {
  test('unsigned, forged and replayed-with-changed-body webhooks get 401 and store nothing', async () => {
    const before = await count()
    const body = joined('EV_sig_1', 'PA_sig_1')
    expect((await postWebhook(runtime.url, body)).status).toBe(401)
    expect((await postWebhook(runtime.url, body, await signWebhook(body, keys()[0], 'not-the-secret-not-the-secret-xx'))).status).toBe(401)
    expect((await postWebhook(runtime.url, body, await signWebhook(body, 'other-key', keys()[1]))).status).toBe(401)
    const signedForOther = await signWebhook(joined('EV_sig_2', 'PA_sig_2'), ...keys())
    const replay = await postWebhook(runtime.url, body, signedForOther)
    expect(replay.status).toBe(401)
    expect(replay.body.error).toBe('unauthorized')
    expect(await count()).toEqual(before)
    expect((await postWebhook(runtime.url, body, await signWebhook(body, ...keys()))).status).toBe(200)
    expect((await count()).a).toBe(before.a + 1)
  })
})

describe('webhook delivery order', () => {
  test('any event sequence, duplicated and shuffled, ends in the same rows as one clean delivery', async () => {
    let round = 0
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 24 }), async (people, picks) => {
        round++
        const events = Array.from({ length: people }, (_, i) => [
          { id: `EV_${round}_${i}_j`, body: joined(`EV_${round}_${i}_j`, `PA_${round}_${i}`) },
          { id: `EV_${round}_${i}_l`, body: left(`EV_${round}_${i}_l`, `PA_${round}_${i}`) },
        ]).flat()
        // Every event at least once, then duplicates, in an order chosen by fast-check.
        const deliveries = [...events, ...picks.map((p) => events[p % events.length])]
        const order = deliveries
          .map((d, i) => ({ d, k: picks[i % picks.length] * 31 + i }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.d)
        for (const delivery of order) {
          const response = await postWebhook(runtime.url, delivery.body, await signWebhook(delivery.body, ...keys()))
          expect(response.status).toBe(200)
        }
        const rows = await query(
          runtime.databaseUrl,
          `select sid, extract(epoch from joined_at)::int as j, extract(epoch from left_at)::int as l from participants where sid like $1 order by sid`,
          [`PA_${round}_%`],
        )
        expect(rows).toEqual(Array.from({ length: people }, (_, i) => ({ sid: `PA_${round}_${i}`, j: 1_800_000_000, l: 1_800_000_100 })))
        const analytics = await query(runtime.databaseUrl, `select count(*)::int as n from analytics where event_id like $1`, [`EV_${round}_%`])
        expect(analytics[0].n).toBe(events.length)
      }),
      { numRuns: 25 },
    )
  })
})
