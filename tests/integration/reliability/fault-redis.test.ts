import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { startLoad } from '../../support/load.ts'
import { recordFigure } from '../../support/figures.ts'
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.ts'

let redis: OwnRedis
let runtime: RunningRuntime

beforeAll(async () => {
  redis = await startOwnRedis()
  runtime = await startRuntime(useServices(), { REDIS_URL: redis.url })
})
afterAll(async () => {
  await runtime?.stop()
  await redis?.stop()
})

const redisCheck = async () => (await (await fetch(`${runtime.url}/health`)).json()).checks.redis.status as string
const joined = (id: string, sid: string) =>
  webhookBody({
    event: 'participant_joined',
    id,
    createdAt: 1_800_000_000,
    room: { name: 'redis-room' },
    participant: { sid, identity: `u_${sid}`, name: sid, joinedAt: '1800000000' },
  })

describe('Redis killed while requests run', () => {
  test('the API keeps answering in degraded mode, recovers by itself, and sessions stored before the crash survive', async () => {
    const { livekitKey, livekitSecret } = useServices()
    const returning = new ApiClient(runtime.url)
    const before = await returning.put('/session', { displayName: 'Returning Rita' })
    expect((await returning.post('/meetings', { roomName: 'redis-room' })).status).toBe(201)

    let phase: 'before' | 'down' | 'after' = 'before'
    const successes = { before: 0, down: 0, after: 0 }
    const unexpected: unknown[] = []
    const created = new Set<string>()
    const events = new Set<string>()
    const load = startLoad({ workers: 6, maxRequests: 5000, maxMs: 60_000, pauseMs: 10 }, async (w, i) => {
      const visitor = new ApiClient(runtime.url)
      let response
      if (i % 3 === 0) {
        response = await visitor.post('/meetings', { roomName: `redis-${w}-${i}` })
        if (response.status === 201) created.add(`redis-${w}-${i}`)
      } else if (i % 3 === 1) {
        response = await visitor.post('/token', { roomName: 'redis-room', participantName: `Visitor ${w}` })
      } else {
        const body = joined(`EV_redis_${w}_${i}`, `PA_redis_${w}_${i}`)
        response = await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
        if (response.status === 200) events.add(`PA_redis_${w}_${i}`)
      }
      if (response.status < 300) successes[phase]++
      else unexpected.push({ phase, status: response.status, body: response.body })
      return response.status
    })

    await eventually(
      async () => successes.before,
      (n) => n >= 30,
    )
    await redis.kill()
    phase = 'down'
    expect(await eventually(redisCheck, (status) => status === 'down')).toBe('down')
    await eventually(
      async () => successes.down,
      (n) => n >= 30,
    )
    // A visitor from before the crash is told to come back, not handed a new identity.
    const returningDuringOutage = await returning.get('/session')
    expect(returningDuringOutage).toMatchObject({ status: 503, body: { error: 'service_unavailable' } })
    expect(returningDuringOutage.headers.get('set-cookie')).toBeNull()
    const degraded = await fetch(`${runtime.url}/health`)
    expect(degraded.status).toBe(200)
    expect((await degraded.json()).status).toBe('degraded')

    await redis.restart()
    expect(await eventually(redisCheck, (status) => status === 'ok')).toBe('ok')
    phase = 'after'
    await eventually(
      async () => successes.after,
      (n) => n >= 30,
    )
    const tally = await load.stop()

    // Redis writes its append-only file before acknowledging: the session from before the crash is intact.
    const after = await returning.get('/session')
    expect(after.body).toEqual({ ...before.body, member: null })
    expect((await returning.get('/meetings/redis-room')).body.meeting.isHost).toBe(true)
    const stored = (await query<{ room_name: string }>(runtime.databaseUrl, `select room_name from meetings where room_name like 'redis-%-%'`)).map(
      (r) => r.room_name,
    )
    const participants = (await query<{ sid: string }>(runtime.databaseUrl, `select sid from participants where sid like 'PA_redis_%'`)).map((r) => r.sid)
    const lost = [...created].filter((name) => !stored.includes(name)).length + [...events].filter((sid) => !participants.includes(sid)).length
    await recordFigure('fault-redis', {
      area: 'Faults',
      scenario: 'Redis killed (SIGKILL) mid-load, restarted on the same dir and port',
      checked:
        'every load request 2xx throughout; a returning visitor 503 with the cookie kept; health degraded (200) while down, ok after; reconnects by itself; the session from before the crash and its host role intact',
      requests: tally.requests + 5,
      errors: unexpected.length + tally.connectionErrors,
      rowsLost: lost,
      notes: `2xx before/during/after: ${successes.before}/${successes.down}/${successes.after}`,
    })

    expect(runtime.process.exitCode, runtime.output().slice(-4000)).toBeNull()
    expect(
      unexpected,
      runtime
        .output()
        .split('\n')
        .filter((line) => /failed|error/i.test(line))
        .join('\n'),
    ).toEqual([])
    expect(tally.connectionErrors).toBe(0)
    expect(lost).toBe(0)
    expect(runtime.output()).toContain('Redis is back; leaving degraded mode')
  }, 120_000)
})
