import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomInt } from 'node:crypto'
import { Room } from '@livekit/rtc-node'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'
import { startLoad } from '../../support/load.ts'
import { recordFigure } from '../../support/figures.ts'
import { startLivekit, type LivekitHandle, type LivekitOptions } from '../../../native/livekit.ts'
import { freePort } from '../../../native/free-port.ts'

let options: LivekitOptions
let livekit: LivekitHandle
let runtime: RunningRuntime

beforeAll(async () => {
  const { livekitKey, livekitSecret } = useServices()
  const udpStart = 40000 + randomInt(0, 200) * 100
  options = {
    port: await freePort(),
    rtcTcpPort: await freePort(),
    udpPortRange: { start: udpStart, end: udpStart + 99 },
    keys: { key: livekitKey, secret: livekitSecret },
    configDir: await mkdtemp(join(tmpdir(), 'meet-livekit-fault-')),
  }
  livekit = await startLivekit(options)
  runtime = await startRuntime(useServices(), { LIVEKIT_URL: livekit.httpUrl })
})
afterAll(async () => {
  await runtime?.stop()
  await livekit?.stop()
  await rm(options.configDir, { recursive: true, force: true })
})

const livekitCheck = async () => {
  const response = await fetch(`${runtime.url}/health`)
  return { status: response.status, body: await response.json() }
}

describe('LiveKit server restarted', () => {
  test('tokens are refused with a clear 503 while it is down (their room cannot be opened), health reflects it, and the restarted server accepts new tokens', async () => {
    const host = new ApiClient(runtime.url)
    expect((await host.post('/meetings', { roomName: 'lk-room' })).status).toBe(201)
    expect((await livekitCheck()).body.checks.livekit.status).toBe('ok')

    await livekit.stop()
    const down = await eventually(livekitCheck, (h) => h.body.checks.livekit.status === 'down')
    expect(down.status).toBe(200)
    expect(down.body.status).toBe('degraded')
    const tally = await startLoad({ workers: 4, maxRequests: 120, maxMs: 20_000 }, async (w, i) => {
      const guest = new ApiClient(runtime.url)
      const response =
        i % 2 ? await guest.post('/token', { roomName: 'lk-room', participantName: `G${w}` }) : await guest.get(`/token?roomName=lk-room&participantName=G${w}`)
      // A token is useless without its room, which only LiveKit can open: an honest 503, no token.
      const clean =
        response.status === 503 &&
        response.body?.error === 'service_unavailable' &&
        String(response.body.message).startsWith('LiveKit could not open the room') &&
        // …without LiveKit's internal address.
        !String(response.body.message).includes(`:${options.port}`) &&
        !response.body.participantToken
      return clean ? 503 : -response.status
    }).done
    // Ending needs LiveKit to close the room: a clean 503, and the meeting stays open.
    const end = await host.post('/meetings/lk-room/end')
    const [meeting] = await query(runtime.databaseUrl, `select ended_at from meetings where room_name = 'lk-room'`)

    livekit = await startLivekit(options)
    const up = await eventually(livekitCheck, (h) => h.body.checks.livekit.status === 'ok', 30_000)
    const { body } = await new ApiClient(runtime.url).post('/token', { roomName: 'lk-room', participantName: 'After' })
    const room = new Room()
    await room.connect(body.serverUrl, body.participantToken, { autoSubscribe: false, dynacast: false })
    const joinedAs = room.localParticipant?.identity
    await room.disconnect()
    const ended = await host.post('/meetings/lk-room/end')

    await recordFigure('fault-livekit', {
      area: 'Faults',
      scenario: 'LiveKit server stopped, then restarted on the same port',
      checked:
        'tokens refused with a clean 503 naming LiveKit while down (a token for a room that cannot be opened is useless); health degraded with livekit down, ok after; ending a meeting 503 without changing it; a new token joins the restarted server',
      requests: tally.requests + 4,
      errors: tally.requests - (tally.statuses[503] ?? 0),
      rowsLost: 0,
      notes: `token requests answered 503 while down: ${tally.statuses[503] ?? 0} of ${tally.requests}; end while down: ${end.status}`,
    })

    expect(tally.statuses).toEqual({ 503: tally.requests })
    expect(end).toMatchObject({ status: 503, body: { error: 'service_unavailable', message: expect.stringMatching(/^LiveKit could not close the room/) } })
    expect(meeting.ended_at).toBeNull()
    expect(up.body.status).toBe('ok')
    expect(joinedAs).toBe(body.identity)
    expect(ended.status).toBe(200)
  }, 120_000)
})
