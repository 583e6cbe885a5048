import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TokenVerifier } from 'livekit-server-sdk'
import { Room } from '@livekit/rtc-node'
import { startApiStack, type ApiStack } from '../../support/api-stack.ts'
import type { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'
import { useServices } from '../../support/services.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { addMember, signIn } from '../../support/accounts.ts'

// ACCESS_MODE=members, as production runs by default: members start meetings and record, guests
// come in by the link, through the lobby (on by default for members' meetings).
let stack: ApiStack
let owner: ApiClient
let room: Room | undefined
let recordingId: string
const password = 'members-mode passphrase'
const verify = (token: string) => new TokenVerifier(useServices().livekitKey, useServices().livekitSecret).verify(token)
const stored = async () =>
  (
    await query(
      stack.runtime.databaseUrl,
      `select
     (select count(*)::int from meetings) as meetings,
     (select count(*)::int from meeting_cohosts) as cohosts,
     (select string_agg(status || ':' || shared, ',') from recordings) as recordings,
     (select ended_at from meetings where room_name = 'members-room') as ended_at,
     (select string_agg(action, ',' order by id) from audit_log) as audit`,
    )
  )[0]

/** A guest knocks with their name and the owner lets them in, as the lobby list does. */
async function admitted(guest: ApiClient, name: string) {
  expect((await guest.post('/meetings/members-room/lobby', { participantName: name })).body).toEqual({ state: 'waiting' })
  const identity = (await guest.get('/session')).body.identity
  expect((await owner.put(`/meetings/members-room/lobby/${identity}`, { decision: 'admit' })).body).toEqual({ identity, state: 'admitted' })
  return guest
}

beforeAll(async () => {
  stack = await startApiStack({ ACCESS_MODE: 'members' }, { redis: true })
  const db = stack.runtime.databaseUrl
  await Promise.all([
    addMember(db, 'olga@example.com', password),
    addMember(db, 'adele@example.com', password, { admin: true }),
    addMember(db, 'mike@example.com', password),
  ])
  owner = stack.client()
  await signIn(owner, 'olga@example.com', password)
  expect((await owner.post('/meetings', { roomName: 'members-room' })).status).toBe(201)
  // A recording of the meeting, as Egress reports one.
  const body = webhookBody({
    event: 'egress_started',
    id: 'EV_members_1',
    createdAt: 1_800_000_000,
    egressInfo: { egressId: 'EG_members', roomName: 'members-room', status: 'EGRESS_ACTIVE' },
  })
  await postWebhook(stack.runtime.url, body, await signWebhook(body, useServices().livekitKey, useServices().livekitSecret))
  recordingId = (await query(db, 'select id from recordings'))[0].id
})
afterAll(async () => {
  await room?.disconnect()
  await stack?.stop()
})

describe('members mode without signing in', () => {
  test('every protected action is 401 with the error shape, and nothing is stored', async () => {
    const before = await stored()
    expect(before).toMatchObject({ meetings: 1, cohosts: 0, recordings: 'active:false', ended_at: null })
    const visitor = stack.client()
    await visitor.put('/session', { displayName: 'Visitor' })
    for (const who of [stack.client(), visitor]) {
      const attempts = await Promise.all([
        who.post('/meetings', { roomName: 'sneaky-room' }),
        who.post('/meetings'),
        who.post('/recordings/start', { roomName: 'members-room' }),
        who.post('/recordings/stop', { recordingId }),
        who.post('/meetings/members-room/end'),
        who.get('/recordings?roomName=members-room'),
        who.get(`/recordings/${recordingId}`),
        who.put(`/recordings/${recordingId}/sharing`, { shared: true }),
        who.request('PUT', '/meetings/members-room/cohosts/u_someone'),
        who.request('DELETE', '/meetings/members-room/cohosts/u_someone'),
        who.get('/members'),
        who.post('/members', { email: 'new@example.com' }),
      ])
      for (const response of attempts) {
        expect(response.status).toBe(401)
        expect(response.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(/sign in/i) })
      }
    }
    expect((await stack.client().post('/meetings')).body.message).toBe('Sign in to start a meeting')
    expect(await stored()).toEqual(before)
  })

  test('guests still join by the link, once admitted from the lobby (on by default), with a guest grant', async () => {
    const guest = stack.client()
    expect((await guest.get('/meetings/members-room')).body.meeting).toMatchObject({ isHost: false, role: 'guest' })
    expect((await owner.get('/meetings/members-room/settings')).body.settings).toMatchObject({ lobby: true })
    expect(await guest.post('/token', { roomName: 'members-room', participantName: 'Gus' })).toMatchObject({
      status: 403,
      body: { error: 'forbidden', details: { reason: 'waiting' } },
    })
    await admitted(guest, 'Gus')
    const token = await guest.post('/token', { roomName: 'members-room', participantName: 'Gus' })
    expect(token).toMatchObject({ status: 200, body: { isHost: false, role: 'guest', participantName: 'Gus' } })
    const claims = await verify(token.body.participantToken)
    expect(claims.attributes).toEqual({ role: 'guest' })
    expect(claims.video).toMatchObject({ room: 'members-room', roomJoin: true, canPublish: true })
    expect(claims.video?.roomAdmin).toBeFalsy()
    expect(claims.video?.roomRecord).toBeFalsy()
  })
})

describe('hosts are accounts, not cookies', () => {
  test('the owner is host on a second device once signed in there; an admin hosts anywhere; another member is a guest', async () => {
    const laptop = stack.client()
    expect((await laptop.get('/meetings/members-room')).body.meeting.isHost).toBe(false)
    await signIn(laptop, 'olga@example.com', password)
    expect((await laptop.get('/meetings/members-room')).body.meeting).toMatchObject({ isHost: true, role: 'owner' })
    const token = await laptop.post('/token', { roomName: 'members-room' })
    expect(token.body).toMatchObject({ isHost: true, role: 'owner', participantName: 'olga' })
    expect((await verify(token.body.participantToken)).attributes).toEqual({ role: 'host' })

    const admin = stack.client()
    await signIn(admin, 'adele@example.com', password)
    expect((await admin.get('/meetings/members-room')).body.meeting).toMatchObject({ isHost: true, role: 'host' })
    expect((await admin.get('/meetings')).body.meetings.map((m: { roomName: string }) => m.roomName)).toEqual(['members-room'])

    const mike = stack.client()
    await signIn(mike, 'mike@example.com', password)
    expect((await mike.get('/meetings/members-room')).body.meeting.role).toBe('guest')
    expect((await mike.get('/meetings')).body.meetings).toEqual([])
    expect(await mike.post('/meetings/members-room/end')).toMatchObject({
      status: 403,
      body: { error: 'forbidden', message: "Only the meeting's hosts can end the meeting" },
    })
    expect((await mike.get('/members')).status).toBe(403)
    // A member may start meetings of their own.
    expect((await mike.post('/meetings', { roomName: 'mikes-room' })).body.meeting).toMatchObject({ role: 'owner', isHost: true })
  })

  test("a co-host made by the owner can start a recording; after the owner takes it back, the next token is a guest's", async () => {
    const guest = await admitted(stack.client(), 'Cora')
    const first = await guest.post('/token', { roomName: 'members-room', participantName: 'Cora' })
    const identity = first.body.identity
    room = new Room()
    await room.connect(first.body.serverUrl, first.body.participantToken, { autoSubscribe: false, dynacast: false })
    // LiveKit reports the join; only someone who joined can be made a co-host.
    expect(
      await eventually(
        () => query(stack.runtime.databaseUrl, 'select 1 from participants where identity = $1', [identity]),
        (rows) => rows.length > 0,
      ),
    ).toHaveLength(1)

    const mike = stack.client()
    await signIn(mike, 'mike@example.com', password)
    expect(await mike.request('PUT', `/meetings/members-room/cohosts/${identity}`)).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    expect(await owner.request('PUT', '/meetings/members-room/cohosts/u_never_joined')).toMatchObject({ status: 404, body: { error: 'not_found' } })
    expect(await owner.request('PUT', '/meetings/members-room/cohosts/not%20an%20identity')).toMatchObject({
      status: 400,
      body: { details: { field: 'identity' } },
    })

    expect(await owner.request('PUT', `/meetings/members-room/cohosts/${identity}`)).toMatchObject({ status: 200, body: { identity, role: 'cohost' } })
    const cohostToken = await guest.post('/token', { roomName: 'members-room' })
    expect(cohostToken.body).toMatchObject({ isHost: true, role: 'cohost' })
    expect((await verify(cohostToken.body.participantToken)).attributes).toEqual({ role: 'cohost' })
    expect((await guest.get('/recordings?roomName=members-room')).body.recordings).toHaveLength(1)
    // A co-host cannot hand out host powers: that is the owner's.
    expect((await guest.request('PUT', `/meetings/members-room/cohosts/${identity}`)).status).toBe(401)

    // Past the role check, the recording fails only for want of an Egress worker here.
    await query(stack.runtime.databaseUrl, `update recordings set status = 'complete'`)
    const start = await guest.post('/recordings/start', { roomName: 'members-room' })
    expect(start).toMatchObject({
      status: 503,
      body: { error: 'service_unavailable', message: expect.stringMatching(/^Recording is not available: LiveKit Egress did not accept the request/) },
    })

    expect(await owner.request('DELETE', `/meetings/members-room/cohosts/${identity}`)).toMatchObject({ status: 200, body: { identity, role: 'guest' } })
    const after = await guest.post('/token', { roomName: 'members-room' })
    expect(after.body).toMatchObject({ isHost: false, role: 'guest' })
    expect((await verify(after.body.participantToken)).attributes).toEqual({ role: 'guest' })
    expect((await guest.post('/recordings/start', { roomName: 'members-room' })).status).toBe(401)
    expect((await query(stack.runtime.databaseUrl, 'select count(*)::int as n from meeting_cohosts'))[0].n).toBe(0)
  }, 60_000)

  test("recordings are the hosts'; the owner shares one with everyone who joined", async () => {
    const guest = await admitted(stack.client(), 'Sia')
    const { body } = await guest.post('/token', { roomName: 'members-room', participantName: 'Sia' })
    const joined = webhookBody({
      event: 'participant_joined',
      id: 'EV_members_sia',
      createdAt: 1_800_000_001,
      room: { name: 'members-room' },
      participant: { sid: 'PA_sia', identity: body.identity, name: 'Sia', joinedAt: '1800000001' },
    })
    await postWebhook(stack.runtime.url, joined, await signWebhook(joined, useServices().livekitKey, useServices().livekitSecret))
    expect((await guest.get('/recordings?roomName=members-room')).body.recordings).toEqual([])
    expect((await guest.get(`/recordings/${recordingId}`)).status).toBe(403)
    const mike = stack.client()
    await signIn(mike, 'mike@example.com', password)
    expect((await mike.put(`/recordings/${recordingId}/sharing`, { shared: true })).status).toBe(403)
    expect(await owner.put(`/recordings/${recordingId}/sharing`, { shared: 'yes' })).toMatchObject({ status: 400, body: { details: { field: 'shared' } } })
    expect((await owner.put(`/recordings/${recordingId}/sharing`, { shared: true })).body.recording).toMatchObject({ id: recordingId, shared: true })
    expect((await guest.get('/recordings?roomName=members-room')).body.recordings).toMatchObject([{ id: recordingId, shared: true }])
    expect((await guest.get(`/recordings/${recordingId}`)).status).toBe(200)
    // Mike never joined: sharing is with the people who were there.
    expect((await mike.get(`/recordings/${recordingId}`)).status).toBe(403)
  })
})
