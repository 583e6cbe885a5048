import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Room } from '@livekit/rtc-node'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import { eventually } from '../../support/eventually.ts'
import { query } from '../../support/db.ts'

let stack: ApiStack
beforeAll(async () => {
  stack = await startApiStack()
})
afterAll(() => stack?.stop())

describe("a real participant, seen through the real server's webhooks", () => {
  test('joins with a token from /token, shows in the live list and in PostgreSQL; leaving sets left_at', async () => {
    const host = stack.client()
    const guest = stack.client()
    await host.post('/meetings', { roomName: 'live-room' })
    await host.post('/token', { roomName: 'live-room', participantName: 'Hana' })
    const { body: token } = await guest.post('/token', { roomName: 'live-room', participantName: 'Gil' })

    const room = new Room()
    await room.connect(token.serverUrl, token.participantToken, { autoSubscribe: false, dynacast: false })
    const live = await eventually(
      () => host.get('/meetings/live-room/participants'),
      (r) => r.body?.live?.length === 1,
    )
    expect(live.status).toBe(200)
    expect(live.body.live).toEqual([{ identity: token.identity, name: 'Gil', joinedAt: expect.any(String) }])
    const [row] = await query(stack.runtime.databaseUrl, 'select identity, name, joined_at, left_at from participants')
    expect(row).toMatchObject({ identity: token.identity, name: 'Gil', left_at: null })

    await room.disconnect()
    const after = await eventually(
      () => host.get('/meetings/live-room/participants'),
      (r) => r.body.live.length === 0 && r.body.past.length === 1,
    )
    expect(after.body.past).toEqual([{ identity: token.identity, name: 'Gil', joinedAt: expect.any(String), leftAt: expect.any(String) }])
    const [left] = await query(stack.runtime.databaseUrl, 'select left_at >= joined_at as ordered from participants')
    expect(left.ordered).toBe(true)
    const events = await query(stack.runtime.databaseUrl, 'select event_type from analytics order by created_at')
    expect(events.map((e) => e.event_type)).toEqual(expect.arrayContaining(['room_started', 'participant_joined', 'participant_left']))

    const stats = await host.get('/meetings/live-room/stats')
    expect(stats.body).toMatchObject({ participants: 1, peakParticipants: 1, recordings: 0 })
  })

  test('people who never joined cannot read who was there', async () => {
    const stranger = stack.client()
    expect((await stranger.get('/meetings/live-room/participants')).status).toBe(403)
  })
})
