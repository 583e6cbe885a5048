import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'

// The browser only ever talks to the site: /api/* must behave exactly like the runtime's own routes.
let runtime: RunningRuntime
let site: RunningSite

beforeAll(async () => {
  const sitePort = await freePort()
  ;[runtime] = await Promise.all([startRuntime(useServices(), { PUBLIC_URL: `http://127.0.0.1:${sitePort}` }), ensureSiteBuilt()])
  site = await startSite(runtime, sitePort)
}, 180_000)
afterAll(async () => {
  await site?.stop()
  await runtime?.stop()
})

describe('the site’s /api proxy', () => {
  test('keeps the session cookie, bodies, query strings and error answers of the runtime', async () => {
    const visitor = new ApiClient(`${site.url}/api`)
    expect((await visitor.get('/session')).body).toEqual({ identity: null, displayName: null, member: null })
    expect(visitor.cookie).toBe('')
    const session = await visitor.put('/session', { displayName: 'Ada' })
    expect(session.body).toEqual({ identity: expect.stringMatching(/^u_/), displayName: 'Ada' })
    expect(visitor.cookie).toMatch(/^meet_sid=/)
    expect((await visitor.get('/session')).body).toEqual({ identity: session.body.identity, displayName: 'Ada', member: null })
    const created = await visitor.post('/meetings', { roomName: 'Proxy-Room' })
    expect(created).toMatchObject({ status: 201, body: { meeting: { roomName: 'proxy-room', isHost: true } } })
    // The visitor made the meeting, so it hosts it: hosts also get the bucket's use.
    expect((await visitor.get('/recordings?roomName=proxy-room')).body).toEqual({
      recordings: [],
      storage: { usedBytes: expect.any(Number), budgetBytes: null },
    })
    expect(await visitor.get('/meetings/nobody-here')).toMatchObject({ status: 404, body: { error: 'not_found' } })
    expect(await visitor.post('/meetings', '{"roomName":')).toMatchObject({ status: 400, body: { error: 'bad_request' } })
  })
})
