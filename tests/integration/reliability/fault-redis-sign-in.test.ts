import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { eventually } from '../../support/eventually.ts'
import { recordFigure } from '../../support/figures.ts'
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.ts'
import { addMember, signIn } from '../../support/accounts.ts'

let redis: OwnRedis
let runtime: RunningRuntime
const password = 'redis-outage passphrase'

beforeAll(async () => {
  redis = await startOwnRedis()
  runtime = await startRuntime(useServices(), { REDIS_URL: redis.url, ACCESS_MODE: 'members' })
  await addMember(runtime.databaseUrl, 'rita@example.com', password)
})
afterAll(async () => {
  await runtime?.stop()
  await redis?.stop()
})

const redisCheck = async () => (await (await fetch(`${runtime.url}/health`)).json()).checks.redis.status as string

describe('signing in while Redis is down', () => {
  test('a clear 503 and no session, half-made or whole; signing in works again once Redis is back', async () => {
    const signedIn = new ApiClient(runtime.url)
    expect((await signIn(signedIn, 'rita@example.com', password)).status).toBe(200)
    await redis.kill()
    expect(await eventually(redisCheck, (status) => status === 'down')).toBe('down')

    const attempts = []
    for (const [email, guess] of [
      ['rita@example.com', password],
      ['rita@example.com', 'wrong'],
      ['nobody@example.com', 'x'],
    ]) {
      const client = new ApiClient(runtime.url)
      const response = await signIn(client, email, guess)
      attempts.push(response)
      expect(response).toMatchObject({ status: 503, body: { error: 'service_unavailable', message: 'Signing in is unavailable right now; try again shortly' } })
      expect(response.headers.get('set-cookie')).toBeNull()
      // Nothing in this instance's memory either: the next request is still nobody's.
      expect((await client.get('/auth/me')).body.member).toBeNull()
    }
    // A member signed in before the outage is told to come back, not signed out.
    const during = await signedIn.get('/auth/me')
    expect(during.status).toBe(503)
    expect(during.headers.get('set-cookie')).toBeNull()

    await redis.restart()
    expect(await eventually(redisCheck, (status) => status === 'ok')).toBe('ok')
    expect((await signedIn.get('/auth/me')).body.member).toMatchObject({ email: 'rita@example.com' })
    const later = new ApiClient(runtime.url)
    expect((await signIn(later, 'rita@example.com', password)).status).toBe(200)

    await recordFigure('fault-redis-sign-in', {
      area: 'Faults',
      scenario: "Redis killed (SIGKILL), then password sign-ins (right, wrong, unknown email) and a signed-in member's request; Redis restarted",
      checked:
        '503 service_unavailable with no Set-Cookie and no in-process session; the signed-in member 503 with the cookie kept, signed in again after the restart',
      requests: attempts.length * 2 + 4,
      errors: 0,
      rowsLost: 0,
    })
  }, 120_000)
})
