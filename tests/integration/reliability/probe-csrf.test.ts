import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Redis } from 'ioredis'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { sendRaw } from '../../support/raw-http.ts'
import { createTally, recordFigure } from '../../support/figures.ts'
import { startRedis, type RedisHandle } from '../../../native/redis.ts'
import { freePort } from '../../../native/free-port.ts'
import { startSite, type RunningSite, ensureSiteBuilt } from '../../../native/site.ts'

// What another site can make a visitor's browser send: links, images, forms, fetches without CORS.
let redis: RedisHandle
let runtime: RunningRuntime
let production: RunningRuntime
let site: RunningSite
let host: ApiClient
const tally = createTally()
const count = tally.count

beforeAll(async () => {
  const sitePort = await freePort()
  // A Redis of its own, so that the sessions counted below are this file's alone.
  redis = await startRedis({ port: await freePort() })
  ;[runtime, production] = await Promise.all([
    startRuntime(useServices(), { REDIS_URL: redis.url, PUBLIC_URL: `http://127.0.0.1:${sitePort}`, TRUST_PROXY_HOPS: '1' }),
    startRuntime(useServices(), { NODE_ENV: 'production', PUBLIC_URL: 'https://meet.example.com', LIVEKIT_API_SECRET: useServices().livekitSecret }),
    ensureSiteBuilt(),
  ])
  site = await startSite(runtime.url, sitePort)
  host = new ApiClient(runtime.url)
  await host.post('/meetings', { roomName: 'csrf-room' })
  await host.put('/session', { displayName: 'Ada' })
}, 180_000)
afterAll(async () => {
  await recordFigure('probe-csrf', {
    area: 'Probed from outside',
    probe: 'CSRF',
    scenario:
      'cross-site GET /token (link, image: Sec-Fetch-Site cross-site or same-site) with a renaming participantName, directly and through the site; text/plain, urlencoded and multipart bodies on every write; cookie-less page loads',
    checked:
      'no GET renames anyone; cross-site token requests 403; non-JSON bodies 415 naming content-type, nothing changed; __Host- session cookie in production; no session for a cookie-less page load, one at the first write',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
  })
  await site?.stop()
  await Promise.all([runtime?.stop(), production?.stop()])
  await redis?.stop()
})

const displayName = async (client: ApiClient) => (await client.get('/session')).body.displayName

describe('another site cannot act for a visitor', () => {
  test('GET /token renames nobody: the name goes into that token only', async () => {
    const token = await host.get('/token?roomName=csrf-room&participantName=Mallory')
    expect(count(token.status === 200)).toBe(true)
    expect(token.body.participantName).toBe('Mallory')
    expect(count((await displayName(host)) === 'Ada', 2)).toBe(true)
  })

  test('a token request another site started is refused, directly and through the site', async () => {
    const visitor = new ApiClient(`${site.url}/api`)
    await visitor.put('/session', { displayName: 'Grace' })
    for (const client of [host, visitor]) {
      for (const fetchSite of ['cross-site', 'same-site']) {
        const response = await client.request('GET', '/token?roomName=csrf-room&participantName=Mallory', undefined, {
          'sec-fetch-site': fetchSite,
          'sec-fetch-mode': 'no-cors',
          'sec-fetch-dest': 'image',
        })
        expect(count(response.status === 403)).toBe(true)
        expect(response.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('another site') })
      }
      // The site's own pages and a typed address still get one.
      for (const fetchSite of ['same-origin', 'none']) {
        expect(count((await client.request('GET', '/token?roomName=csrf-room', undefined, { 'sec-fetch-site': fetchSite })).status === 200)).toBe(true)
      }
    }
    expect(await displayName(host)).toBe('Ada')
    expect(await displayName(visitor)).toBe('Grace')
  })

  test('writes take JSON only: text/plain, urlencoded and multipart bodies get 415 naming content-type, and change nothing', async () => {
    const bodies: Array<[string, string]> = [
      ['text/plain', '{"displayName":"Mallory"}'],
      ['text/plain;charset=UTF-8', '{"displayName":"Mallory"}'],
      ['application/x-www-form-urlencoded', 'displayName=Mallory'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="displayName"\r\n\r\nMallory\r\n--x--\r\n'],
      ['', '{"displayName":"Mallory"}'],
    ]
    const writes: Array<[string, string]> = [
      ['PUT', '/session'],
      ['POST', '/meetings'],
      ['POST', '/token'],
      ['POST', '/meetings/csrf-room/end'],
      ['POST', '/recordings/start'],
      ['POST', '/recordings/stop'],
    ]
    for (const [method, path] of writes) {
      for (const [type, body] of bodies) {
        const response = await sendRaw(runtime.url, method, path, { headers: { cookie: host.cookie, ...(type ? { 'content-type': type } : {}) }, body })
        expect(count(response?.status === 415), `${method} ${path} ${type}`).toBe(true)
        expect(JSON.parse(response!.text)).toEqual({
          error: 'unsupported_media_type',
          message: 'content-type: must be application/json',
          details: { field: 'content-type' },
        })
      }
    }
    expect(await displayName(host)).toBe('Ada')
    expect((await host.get('/meetings/csrf-room')).body.meeting.endedAt).toBeNull()
    // The site's own forms and scripts send JSON, so they still work.
    const visitor = new ApiClient(`${site.url}/api`)
    expect(count((await visitor.put('/session', { displayName: 'Grace' })).status === 200)).toBe(true)
    const form = await fetch(`${site.url}/new`, {
      method: 'POST',
      headers: { origin: site.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'roomName=form-room',
      redirect: 'manual',
    })
    expect(count(form.status === 303 && form.headers.get('location') === '/rooms/form-room')).toBe(true)
  })

  test('the production session cookie is __Host- prefixed: Secure, Path=/, no Domain', async () => {
    const response = await fetch(`${production.url}/session`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"displayName":"Ada"}' })
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(count(/^__Host-meet_sid=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/.test(cookie))).toBe(true)
    // And it is the one read back.
    const again = await fetch(`${production.url}/session`, { headers: { cookie: cookie.split(';')[0] } })
    expect(again.headers.get('set-cookie')).toBeNull()
    expect((await again.json()).identity).toBe((await response.json()).identity)
  })

  test('a cookie-less page load makes no session; the first write makes one, which the browser then uses', async () => {
    const client = new Redis(redis.url)
    const sessions = async () => (await client.keys('meet:session:*')).length
    try {
      for (const path of ['/rooms/csrf-room', '/', '/rooms/csrf-room/recordings']) {
        const before = await sessions()
        const page = await fetch(site.url + path)
        await page.text()
        const cookies = page.headers.getSetCookie().filter((cookie) => cookie.startsWith('meet_sid='))
        expect(count(cookies.length === 0 && (await sessions()) === before, 2), path).toBe(true)
      }
      const before = await sessions()
      const named = await fetch(`${site.url}/api/session`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: site.url },
        body: '{"displayName":"Ada"}',
      })
      const cookies = named.headers.getSetCookie().filter((cookie) => cookie.startsWith('meet_sid='))
      expect(count(cookies.length === 1 && (await sessions()) === before + 1, 2)).toBe(true)
      // The browser's next calls use that session: no new one.
      const next = await fetch(`${site.url}/rooms/csrf-room`, { headers: { cookie: cookies[0].split(';')[0] } })
      await next.text()
      expect(next.headers.getSetCookie()).toEqual([])
      expect(await sessions()).toBe(before + 1)
    } finally {
      client.disconnect()
    }
  })
})
