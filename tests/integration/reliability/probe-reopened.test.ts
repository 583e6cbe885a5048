import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Room } from '@livekit/rtc-node'
import { RoomServiceClient } from 'livekit-server-sdk'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import { useServices } from '../../support/services.ts'
import { eventually } from '../../support/eventually.ts'
import { createTally, recordFigure } from '../../support/figures.ts'

// "End for all" against a real LiveKit whose webhooks reach the runtime: tokens issued before
// the end live 15 minutes (and LiveKit refreshes them while connected), so they are kept and
// tried again afterwards, as someone who saved one would.
let stack: ApiStack
let admin: RoomServiceClient
const tally = createTally()
const outcomes: string[] = []

const roomsNamed = async (name: string) => (await admin.listRooms([name])).map((room) => room.name)
const join = async (token: { serverUrl: string; participantToken: string }) => {
  const room = new Room()
  const joined = await room.connect(token.serverUrl, token.participantToken, { autoSubscribe: false, dynacast: false }).then(
    () => true,
    () => false,
  )
  return { room, joined }
}

beforeAll(async () => {
  stack = await startApiStack()
  admin = new RoomServiceClient(stack.livekit.httpUrl, useServices().livekitKey, useServices().livekitSecret)
})
afterAll(async () => {
  await recordFigure('probe-reopened', {
    area: 'Probed from outside',
    probe: 're-opened meetings',
    scenario:
      'tokens issued before "End for all" (one used, one never used) tried again after the end; the ended room created again on the server behind the runtime\'s back',
    checked: 'the old tokens cannot join and no room exists afterwards; /token answers 409; a room_started for an ended meeting gets the room closed again',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: outcomes.join('; '),
  })
  await stack?.stop()
})

describe('an ended meeting stays ended', () => {
  test('tokens issued before "End for all" cannot join it again, and no room comes back', async () => {
    const host = stack.client()
    const guest = stack.client()
    expect((await host.post('/meetings', { roomName: 'ended-room' })).status).toBe(201)
    const { body: hostToken } = await host.post('/token', { roomName: 'ended-room', participantName: 'Hana' })
    const { body: guestToken } = await guest.post('/token', { roomName: 'ended-room', participantName: 'Gil' })
    const first = await join(guestToken)
    expect(first.joined).toBe(true)
    const disconnected = new Promise((resolve) => first.room.once('disconnected', resolve))

    expect((await host.post('/meetings/ended-room/end')).status).toBe(200)
    await disconnected
    expect(tally.count((await guest.post('/token', { roomName: 'ended-room' })).status === 409)).toBe(true)

    for (const [who, token] of [
      ['guest (joined before)', guestToken],
      ['host (never used)', hostToken],
    ] as const) {
      const again = await join(token)
      await again.room.disconnect()
      outcomes.push(`${who}: ${again.joined ? 'joined' : 'refused'}`)
      expect(tally.count(!again.joined), `${who}'s old token joined the ended meeting`).toBe(true)
    }
    const rooms = await roomsNamed('ended-room')
    outcomes.push(`rooms afterwards: ${rooms.length}`)
    expect(tally.count(rooms.length === 0)).toBe(true)
    expect(rooms).toEqual([])
  }, 90_000)

  test('a room_started for an ended meeting closes the room again', async () => {
    const host = stack.client()
    await host.post('/meetings', { roomName: 'revived-room' })
    expect((await host.post('/meetings/revived-room/end')).status).toBe(200)
    // Made on the server directly: what a join would do on a LiveKit that still creates rooms.
    await admin.createRoom({ name: 'revived-room' })
    const rooms = await eventually(
      () => roomsNamed('revived-room'),
      (names) => names.length === 0,
      30_000,
    )
    outcomes.push(`revived room closed by the webhook: ${rooms.length === 0 ? 'yes' : 'no'}`)
    expect(tally.count(rooms.length === 0, 2)).toBe(true)
  }, 60_000)

  test('an open meeting gets its room when a token is issued, before anyone joins', async () => {
    const host = stack.client()
    await host.post('/meetings', { roomName: 'open-room' })
    expect(await roomsNamed('open-room')).toEqual([])
    expect((await host.post('/token', { roomName: 'open-room' })).status).toBe(200)
    expect(tally.count((await roomsNamed('open-room')).length === 1, 2)).toBe(true)
    const { body } = await stack.client().post('/token', { roomName: 'open-room', participantName: 'Gil' })
    const { room, joined } = await join(body)
    await room.disconnect()
    expect(tally.count(joined)).toBe(true)
  }, 60_000)
})
