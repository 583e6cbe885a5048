import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TokenVerifier } from 'livekit-server-sdk'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { createTally, recordFigure } from '../../support/figures.ts'

let runtime: RunningRuntime
let host: ApiClient
let guest: ApiClient
let recordingId: string
const tally = createTally()
const count = tally.count

beforeAll(async () => {
  runtime = await startRuntime(useServices())
  host = new ApiClient(runtime.url)
  guest = new ApiClient(runtime.url)
  await host.post('/meetings', { roomName: 'access-room' })
  // The guest joined (LiveKit reported it), so it is a member, but not the host.
  const guestIdentity = (await guest.put('/session', { displayName: 'Guest' })).body.identity
  const { livekitKey, livekitSecret } = useServices()
  for (const event of [
    {
      event: 'participant_joined',
      id: 'EV_acc_1',
      createdAt: 1_800_000_000,
      room: { name: 'access-room' },
      participant: { sid: 'PA_acc', identity: guestIdentity, name: 'Guest', joinedAt: '1800000000' },
    },
    { event: 'egress_started', id: 'EV_acc_2', createdAt: 1_800_000_000, egressInfo: { egressId: 'EG_acc', roomName: 'access-room', status: 'EGRESS_ACTIVE' } },
  ]) {
    const body = webhookBody(event)
    await postWebhook(runtime.url, body, await signWebhook(body, livekitKey, livekitSecret))
  }
  recordingId = (await query(runtime.databaseUrl, 'select id from recordings'))[0].id
})
afterAll(async () => {
  await recordFigure('access-roles', {
    area: 'Access',
    scenario:
      'a guest who joined and a stranger try to end the meeting, start and stop a recording, change settings, decide the lobby, mute, remove, lower hands, and read people, stats, recordings, chat and settings',
    checked:
      '403 for every host action with nothing changed and no audit row; strangers 403 on member pages, the guest 200; guest tokens carry no admin or record grant',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: `host actions that got through: ${tally.breaches}`,
  })
  await runtime?.stop()
})

describe('guests cannot reach host actions', () => {
  test('ending, starting and stopping recordings: 403 for guests and strangers, and nothing changes', async () => {
    const stranger = new ApiClient(runtime.url)
    const hostIdentity = (await host.get('/session')).body.identity
    const attempts = [
      (c: ApiClient) => c.request('PATCH', '/meetings/access-room/settings', { locked: true, chatEnabled: false, passcode: 'let-me-in' }),
      (c: ApiClient) => c.put(`/meetings/access-room/lobby/${hostIdentity}`, { decision: 'deny' }),
      (c: ApiClient) => c.get('/meetings/access-room/lobby'),
      (c: ApiClient) => c.post(`/meetings/access-room/participants/${hostIdentity}/mute`, { source: 'microphone' }),
      (c: ApiClient) => c.post(`/meetings/access-room/participants/${hostIdentity}/remove`),
      (c: ApiClient) => c.post('/meetings/access-room/mute-all'),
      (c: ApiClient) => c.post('/meetings/access-room/hand', { raised: false, identity: hostIdentity }),
      (c: ApiClient) => c.post('/meetings/access-room/end'),
      (c: ApiClient) => c.post('/recordings/start', { roomName: 'access-room' }),
      (c: ApiClient) => c.post('/recordings/stop', { recordingId }),
    ]
    for (const who of [guest, stranger]) {
      for (const attempt of attempts) {
        const response = await attempt(who)
        expect(count(response.status === 403 && response.body.error === 'forbidden')).toBe(true)
      }
    }
    for (const path of [
      '/meetings/access-room/participants',
      '/meetings/access-room/stats',
      '/recordings?roomName=access-room',
      `/recordings/${recordingId}`,
      '/meetings/access-room/chat',
      '/meetings/access-room/settings',
    ]) {
      expect(count((await stranger.get(path)).status === 403)).toBe(true)
    }
    for (const path of ['/meetings/access-room/participants', '/meetings/access-room/stats', '/meetings/access-room/chat', '/meetings/access-room/settings'])
      expect(count((await guest.get(path)).status === 200)).toBe(true)
    // Everyone who joined sees that a recording is running; once it is finished, it is the hosts'
    // until the owner shares it with everyone who joined.
    expect(count((await guest.get('/recordings?roomName=access-room')).body.recordings.length === 1)).toBe(true)
    expect(count((await guest.get(`/recordings/${recordingId}`)).body.downloadUrl === null)).toBe(true)
    // (Nobody's stop attempt above changed it.)
    expect((await query(runtime.databaseUrl, 'select status from recordings where id = $1', [recordingId]))[0].status).toBe('active')
    await query(runtime.databaseUrl, `update recordings set status = 'complete' where id = $1`, [recordingId])
    expect(count((await guest.get('/recordings?roomName=access-room')).body.recordings.length === 0)).toBe(true)
    expect(count((await guest.get(`/recordings/${recordingId}`)).status === 403)).toBe(true)
    for (const who of [guest, stranger]) expect(count((await who.put(`/recordings/${recordingId}/sharing`, { shared: true })).status === 403)).toBe(true)
    expect((await host.put(`/recordings/${recordingId}/sharing`, { shared: true })).body.recording.shared).toBe(true)
    expect(count((await guest.get('/recordings?roomName=access-room')).body.recordings.length === 1)).toBe(true)
    expect(count((await guest.get(`/recordings/${recordingId}`)).status === 200)).toBe(true)
    expect(count((await stranger.get(`/recordings/${recordingId}`)).status === 403)).toBe(true)
    const [state] = await query(
      runtime.databaseUrl,
      `select (select ended_at from meetings where room_name = 'access-room') as ended_at, (select status from recordings where id = $1) as status, (select count(*)::int from audit_log where action not in ('meeting.created', 'recording.shared')) as audits`,
      [recordingId],
    )
    expect(state).toEqual({ ended_at: null, status: 'complete', audits: 0 })
    const [controls] = await query(
      runtime.databaseUrl,
      "select locked, chat_enabled, passcode_hash, (select count(*)::int from admissions) as admissions from meetings where room_name = 'access-room'",
    )
    expect(controls).toEqual({ locked: false, chat_enabled: true, passcode_hash: null, admissions: 0 })
    // The guest's LiveKit token carries no admin or recording right either.
    const token = await guest.post('/token', { roomName: 'access-room' })
    const claims = await new TokenVerifier(useServices().livekitKey, useServices().livekitSecret).verify(token.body.participantToken)
    expect(count(!claims.video?.roomAdmin && !claims.video?.roomRecord)).toBe(true)
  })
})
