import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { ParticipantInfo_State, RoomServiceClient, TokenVerifier, TrackSource as ServerTrackSource } from 'livekit-server-sdk'
import { AudioSource, LocalAudioTrack, Room, RoomEvent, TrackPublishOptions, TrackSource } from '@livekit/rtc-node'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'

let runtime: RunningRuntime
const rooms: Room[] = []
const services = () => useServices()
const livekit = () => new RoomServiceClient(services().livekitHttpUrl, services().livekitKey, services().livekitSecret)
const client = () => new ApiClient(runtime.url)
const refusedShape = { error: expect.any(String), message: expect.any(String) }

beforeAll(async () => {
  runtime = await startRuntime(useServices())
})
afterAll(async () => {
  await Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined)))
  await runtime?.stop()
})

async function meeting(roomName: string) {
  const host = client()
  expect((await host.post('/meetings', { roomName })).status).toBe(201)
  return host
}

/** A real participant in the LiveKit room, optionally with a (silent) microphone track. */
async function join(visitor: ApiClient, roomName: string, name: string, { mic = false } = {}) {
  const { status, body } = await visitor.post('/token', { roomName, participantName: name })
  expect(status, JSON.stringify(body)).toBe(200)
  const room = new Room()
  rooms.push(room)
  await room.connect(body.serverUrl, body.participantToken, { autoSubscribe: false, dynacast: false })
  if (mic) {
    const track = LocalAudioTrack.createAudioTrack('mic', new AudioSource(48000, 1))
    await room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }))
  }
  return { room, identity: body.identity as string }
}

const micOf = async (roomName: string, identity: string) =>
  (await livekit().getParticipant(roomName, identity)).tracks.find((t) => t.source === ServerTrackSource.MICROPHONE)
const rowCount = async (sql: string, params: unknown[]) => (await query(runtime.databaseUrl, sql, params)).length

describe('chat history', () => {
  test('members post plain text, late joiners read it back; outsiders and bad bodies are refused with the field named', async () => {
    const host = await meeting('chat-room')
    const guest = client()
    await guest.post('/token', { roomName: 'chat-room', participantName: 'Gil' })
    const html = '<img src=x onerror=alert(1)> <b>bold</b> & "quotes"'
    const posted = await guest.post('/meetings/chat-room/chat', { text: html })
    expect(posted.status).toBe(201)
    expect(posted.headers.get('content-type')).toMatch(/^application\/json/)
    expect(posted.body.message).toMatchObject({ text: html, from: { name: 'Gil' } })
    expect((await host.post('/meetings/chat-room/chat', { text: '  second line\nwith a break  ' })).body.message.text).toBe('second line\nwith a break')

    const late = client()
    await late.post('/token', { roomName: 'chat-room', participantName: 'Late' })
    const history = await late.get('/meetings/chat-room/chat')
    expect(history.status).toBe(200)
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual([html, 'second line\nwith a break'])
    expect((await late.get(`/meetings/chat-room/chat?after=${history.body.messages[0].id}`)).body.messages).toHaveLength(1)

    for (const [text, message] of [
      ['', 'must not be empty'],
      ['   \n ', 'must not be empty'],
      ['x'.repeat(2001), 'at most 2000'],
      [42, 'must be a string'],
      ['a\u0000b', 'control characters'],
      ['\ud800', 'valid Unicode'],
    ] as const) {
      const answer = await guest.post('/meetings/chat-room/chat', { text })
      expect(answer.status, String(text).slice(0, 20)).toBe(400)
      expect(answer.body).toMatchObject({ error: 'validation_failed', details: { field: 'text' } })
      expect(answer.body.message).toContain(message)
    }
    // 2,000 characters as people count them, even when each is two UTF-16 units.
    expect((await guest.post('/meetings/chat-room/chat', { text: '😀'.repeat(2000) })).status).toBe(201)

    const outsider = client()
    expect(await outsider.get('/meetings/chat-room/chat')).toMatchObject({ status: 403, body: refusedShape })
    expect(await outsider.post('/meetings/chat-room/chat', { text: 'hi' })).toMatchObject({ status: 403, body: refusedShape })
    expect(await rowCount("select 1 from chat_messages where body = 'hi'", [])).toBe(0)
  })

  test('a host turns chat off for guests; the room hears messages from the server only', async () => {
    const host = await meeting('chat-off')
    const guest = client()
    const { room, identity } = await join(guest, 'chat-off', 'Gil')
    // Relaying is best effort (history is what counts); a participant still joining may miss it.
    await eventually(
      () => livekit().listParticipants('chat-off'),
      (p) => p.some((x) => x.identity === identity && x.state === ParticipantInfo_State.ACTIVE),
    )
    const heard: string[] = []
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      if (topic === 'meet.chat' && !participant) heard.push(JSON.parse(new TextDecoder().decode(payload)).text)
    })
    await host.post('/meetings/chat-off/chat', { text: 'welcome' })
    expect(
      await eventually(
        async () => heard,
        (h) => h.includes('welcome'),
      ),
    ).toContain('welcome')

    expect(await guest.request('PATCH', '/meetings/chat-off/settings', { chatEnabled: false })).toMatchObject({ status: 403, body: refusedShape })
    expect((await host.request('PATCH', '/meetings/chat-off/settings', { chatEnabled: false })).body.settings).toMatchObject({ chatEnabled: false })
    expect(await guest.post('/meetings/chat-off/chat', { text: 'hello?' })).toMatchObject({ status: 403, body: { details: { reason: 'chat_off' } } })
    expect((await guest.get('/meetings/chat-off/chat')).body).toMatchObject({ enabled: false, messages: [{ text: 'welcome' }] })
    expect((await host.post('/meetings/chat-off/chat', { text: 'hosts still can' })).status).toBe(201)
    // Chat lives as long as the meeting: ending it deletes the history and refuses new lines.
    await host.post('/meetings/chat-off/end')
    expect(await host.post('/meetings/chat-off/chat', { text: 'anyone?' })).toMatchObject({ status: 409, body: { error: 'conflict' } })
    expect(await rowCount("select 1 from chat_messages m join meetings t on t.id = m.meeting_id where t.room_name = 'chat-off'", [])).toBe(0)
  })

  test('chat bodies of any content never give a 5xx and come back as the same JSON text', async () => {
    await meeting('chat-fuzz')
    const guest = client()
    await guest.post('/token', { roomName: 'chat-fuzz', participantName: 'Fuzz' })
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 2100 }),
          fc.constantFrom('<script>alert(1)</script>', '</textarea><svg onload=x>', '{{7*7}}'),
        ),
        async (text) => {
          const answer = await guest.post('/meetings/chat-fuzz/chat', { text })
          expect(answer.status).toBeLessThan(500)
          expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
          if (answer.status === 201) expect(answer.body.message.text).toBe(text.trim())
          else expect(answer.body).toMatchObject({ error: 'validation_failed', details: { field: 'text' } })
        },
      ),
      { numRuns: 30 },
    )
  }, 240_000)
})

describe('lobby, lock and passcode', () => {
  test('waiting and denied guests get no token; admitted ones do and keep it across a reload; the host skips the lobby', async () => {
    const host = await meeting('lobby-room')
    expect((await host.request('PATCH', '/meetings/lobby-room/settings', { lobby: true })).body.settings).toMatchObject({ lobby: true })
    const ada = client()
    const bob = client()
    expect(await ada.post('/token', { roomName: 'lobby-room', participantName: 'Ada' })).toMatchObject({
      status: 403,
      body: { details: { reason: 'waiting' } },
    })
    expect((await ada.post('/meetings/lobby-room/lobby', { participantName: 'Ada' })).body).toEqual({ state: 'waiting' })
    expect((await bob.post('/meetings/lobby-room/lobby', { participantName: 'Bob' })).body).toEqual({ state: 'waiting' })
    expect(await ada.get('/meetings/lobby-room/lobby')).toMatchObject({ status: 403, body: refusedShape })
    expect((await host.get('/meetings/lobby-room/lobby')).body.requests.map((r: { name: string }) => r.name)).toEqual(['Ada', 'Bob'])

    const adaIdentity = (await ada.get('/session')).body.identity
    const bobIdentity = (await bob.get('/session')).body.identity
    expect(await bob.put(`/meetings/lobby-room/lobby/${adaIdentity}`, { decision: 'admit' })).toMatchObject({ status: 403, body: refusedShape })
    expect(await host.put(`/meetings/lobby-room/lobby/${adaIdentity}`, { decision: 'maybe' })).toMatchObject({
      status: 400,
      body: { details: { field: 'decision' } },
    })
    expect((await host.put(`/meetings/lobby-room/lobby/${adaIdentity}`, { decision: 'admit' })).body).toEqual({ identity: adaIdentity, state: 'admitted' })
    expect((await host.put(`/meetings/lobby-room/lobby/${bobIdentity}`, { decision: 'deny' })).body).toEqual({ identity: bobIdentity, state: 'denied' })

    expect((await ada.get('/meetings/lobby-room/admission')).body).toEqual({ state: 'admitted' })
    expect((await ada.post('/token', { roomName: 'lobby-room' })).status).toBe(200)
    expect((await ada.post('/token', { roomName: 'lobby-room' })).status).toBe(200) // a reload
    expect((await bob.get('/meetings/lobby-room/admission')).body).toEqual({ state: 'denied' })
    expect(await bob.post('/token', { roomName: 'lobby-room' })).toMatchObject({ status: 403, body: { details: { reason: 'denied' } } })
    expect(await bob.post('/meetings/lobby-room/lobby', { participantName: 'Bob again' })).toMatchObject({
      status: 403,
      body: { details: { reason: 'denied' } },
    })
    expect((await host.get('/meetings/lobby-room/lobby')).body.requests).toEqual([])
    expect((await host.post('/token', { roomName: 'lobby-room' })).status).toBe(200)
  })

  test('a locked meeting turns new guests away, lobby included, and lets admitted ones back', async () => {
    const host = await meeting('locked-room')
    const inside = client()
    expect((await inside.post('/token', { roomName: 'locked-room', participantName: 'In' })).status).toBe(200)
    await host.request('PATCH', '/meetings/locked-room/settings', { locked: true, lobby: true })
    const late = client()
    expect(await late.post('/token', { roomName: 'locked-room', participantName: 'Late' })).toMatchObject({
      status: 403,
      body: { details: { reason: 'locked' } },
    })
    expect(await late.post('/meetings/locked-room/lobby', { participantName: 'Late' })).toMatchObject({ status: 403, body: { details: { reason: 'locked' } } })
    expect((await inside.post('/token', { roomName: 'locked-room' })).status).toBe(200)
    await host.request('PATCH', '/meetings/locked-room/settings', { locked: false, lobby: false })
    expect((await late.post('/token', { roomName: 'locked-room', participantName: 'Late' })).status).toBe(200)
  })

  test('a passcode is checked by the server, never shown, and attempts are limited', async () => {
    const host = await meeting('code-room')
    expect(await host.request('PATCH', '/meetings/code-room/settings', { passcode: 'ab' })).toMatchObject({
      status: 400,
      body: { details: { field: 'passcode' } },
    })
    expect((await host.request('PATCH', '/meetings/code-room/settings', { passcode: 'open sesame' })).body.settings).toMatchObject({ hasPasscode: true })
    const [stored] = await query(runtime.databaseUrl, "select passcode_hash from meetings where room_name = 'code-room'")
    expect(stored.passcode_hash).not.toContain('open sesame')
    const guest = client()
    expect(await guest.post('/token', { roomName: 'code-room', participantName: 'G' })).toMatchObject({
      status: 403,
      body: { details: { reason: 'passcode' } },
    })
    expect(await guest.post('/token', { roomName: 'code-room', passcode: 'open says me' })).toMatchObject({
      status: 403,
      body: { details: { reason: 'passcode' } },
    })
    expect((await guest.post('/token', { roomName: 'code-room', passcode: 'open sesame' })).status).toBe(200)
    expect((await guest.post('/token', { roomName: 'code-room' })).status).toBe(200) // admitted: no passcode on reload

    // Ten tries per address and meeting in ten minutes (two were the guest's above), whoever's session.
    const guesser = client()
    const answers = []
    for (let i = 0; i < 8; i++) answers.push((await guesser.post('/token', { roomName: 'code-room', passcode: `guess-${i}` })).status)
    expect(answers).toEqual(Array(8).fill(403))
    expect(await guesser.post('/token', { roomName: 'code-room', passcode: 'open sesame' })).toMatchObject({ status: 429, body: { error: 'rate_limited' } })
    expect(await client().post('/meetings/code-room/lobby', { participantName: 'New', passcode: 'open sesame' })).toMatchObject({ status: 429 })
  })

  test('passcodes of any content never give a 5xx or HTML', async () => {
    const host = await meeting('code-fuzz')
    await host.request('PATCH', '/meetings/code-fuzz/settings', { passcode: 'right-one' })
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.jsonValue({ maxDepth: 2 })), fc.boolean(), async (passcode, asHost) => {
        const answer = asHost
          ? await host.request('PATCH', '/meetings/code-fuzz/settings', { passcode })
          : await client().post('/meetings/code-fuzz/lobby', { participantName: 'Fuzz', passcode })
        expect(answer.status).toBeLessThan(500)
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
        if (answer.status >= 400) expect(answer.body).toMatchObject(refusedShape)
      }),
      { numRuns: 40 },
    )
  })

  test('lobby decisions in any order leave every guest in exactly one state', async () => {
    const host = await meeting('lobby-order')
    await host.request('PATCH', '/meetings/lobby-order/settings', { lobby: true })
    const guests = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const guest = client()
        return { guest, identity: (await guest.put('/session', { displayName: `Guest ${i}` })).body.identity as string }
      }),
    )
    const step = fc.record({ who: fc.integer({ min: 0, max: 2 }), act: fc.constantFrom('knock', 'admit', 'deny', 'remove', 'token') })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        await query(runtime.databaseUrl, "delete from admissions where meeting_id = (select id from meetings where room_name = 'lobby-order')")
        const expected = new Map<string, string>()
        await Promise.all(
          steps.map(async ({ who, act }) => {
            const { guest, identity } = guests[who]
            if (act === 'knock') await guest.post('/meetings/lobby-order/lobby', { participantName: `Guest ${who}` })
            else if (act === 'token') await guest.post('/token', { roomName: 'lobby-order' })
            else if (act === 'remove') await host.post(`/meetings/lobby-order/participants/${identity}/remove`)
            else await host.put(`/meetings/lobby-order/lobby/${identity}`, { decision: act })
          }),
        )
        for (const { guest, identity } of guests) {
          const rows = await query(
            runtime.databaseUrl,
            "select state from admissions where identity = $1 and meeting_id = (select id from meetings where room_name = 'lobby-order')",
            [identity],
          )
          expect(rows.length).toBeLessThanOrEqual(1)
          const state = (await guest.get('/meetings/lobby-order/admission')).body.state
          expect(state).toBe(rows[0]?.state ?? 'none')
          expected.set(identity, state)
          // A token exactly for the admitted.
          expect((await guest.post('/token', { roomName: 'lobby-order' })).status === 200).toBe(state === 'admitted')
        }
      }),
      { numRuns: 12 },
    )
  }, 300_000)
})

describe('moderation against the real LiveKit room', () => {
  test('guests, removed people and visitors without a session change nothing; the host mutes, mutes all and removes', async () => {
    const host = await meeting('mod-room')
    await join(host, 'mod-room', 'Host', { mic: true })
    const gil = client()
    const rex = client()
    const { identity: gilId } = await join(gil, 'mod-room', 'Gil', { mic: true })
    const { identity: rexId, room: rexRoom } = await join(rex, 'mod-room', 'Rex', { mic: true })
    await eventually(
      () => livekit().listParticipants('mod-room'),
      (p) => p.length === 3 && p.every((x) => x.tracks.length === 1),
    )
    const before = await query(runtime.databaseUrl, 'select state, identity from admissions order by identity')

    const controls: Array<[string, string, unknown?]> = [
      ['POST', `/meetings/mod-room/participants/${gilId}/mute`, { source: 'microphone' }],
      ['POST', '/meetings/mod-room/mute-all'],
      ['POST', `/meetings/mod-room/participants/${gilId}/remove`],
      ['PATCH', '/meetings/mod-room/settings', { locked: true, onlyHostsUnmute: true, chatEnabled: false }],
      ['PUT', `/meetings/mod-room/lobby/${rexId}`, { decision: 'deny' }],
      ['GET', '/meetings/mod-room/lobby'],
      ['POST', '/meetings/mod-room/hand', { raised: false, identity: gilId }],
      ['PUT', `/meetings/mod-room/cohosts/${rexId}`],
      ['DELETE', `/meetings/mod-room/cohosts/${gilId}`],
    ]
    for (const [method, path, body] of controls) {
      const byGuest = await rex.request(method, path, body)
      expect(byGuest.status, `${method} ${path} by a guest`).toBe(403)
      expect(byGuest.body).toMatchObject(refusedShape)
      const anonymous = await new ApiClient(runtime.url).request(method, path, body)
      expect([401, 403], `${method} ${path} without a session`).toContain(anonymous.status)
      expect(anonymous.body).toMatchObject(refusedShape)
    }
    expect((await micOf('mod-room', gilId))?.muted).toBe(false)
    expect((await livekit().listParticipants('mod-room')).map((p) => p.identity)).toContain(gilId)
    expect(await query(runtime.databaseUrl, 'select state, identity from admissions order by identity')).toEqual(before)
    const [settings] = await query(runtime.databaseUrl, "select locked, hosts_only_unmute, chat_enabled from meetings where room_name = 'mod-room'")
    expect(settings).toEqual({ locked: false, hosts_only_unmute: false, chat_enabled: true })
    expect(await rowCount("select 1 from meeting_cohosts c join meetings m on m.id = c.meeting_id where m.room_name = 'mod-room'", [])).toBe(0)
    expect((await livekit().getParticipant('mod-room', rexId)).attributes.role).toBe('guest')

    // The host mutes one microphone, then everyone's but the hosts'.
    expect((await host.post(`/meetings/mod-room/participants/${gilId}/mute`, { source: 'microphone' })).body).toEqual({ affected: 1 })
    expect(
      (
        await eventually(
          () => micOf('mod-room', gilId),
          (t) => Boolean(t?.muted),
        )
      )?.muted,
    ).toBe(true)
    expect((await host.post('/meetings/mod-room/mute-all')).body).toEqual({ affected: 1 })
    expect(
      (
        await eventually(
          () => micOf('mod-room', rexId),
          (t) => Boolean(t?.muted),
        )
      )?.muted,
    ).toBe(true)
    const hostId = (await host.get('/session')).body.identity
    expect((await micOf('mod-room', hostId))?.muted).toBe(false)
    expect(await host.post('/meetings/mod-room/participants/u_nobody-here/mute', { source: 'camera' })).toMatchObject({ status: 409 })
    expect(await host.post(`/meetings/mod-room/participants/${hostId}/remove`)).toMatchObject({ status: 403 })

    // Removed: disconnected, and the same session gets no token, chat or controls until let back in.
    const disconnected = new Promise((resolve) => rexRoom.once(RoomEvent.Disconnected, resolve))
    expect((await host.post(`/meetings/mod-room/participants/${rexId}/remove`)).body).toEqual({ affected: 1 })
    await disconnected
    expect((await livekit().listParticipants('mod-room')).map((p) => p.identity)).not.toContain(rexId)
    expect(await rex.post('/token', { roomName: 'mod-room' })).toMatchObject({ status: 403, body: { details: { reason: 'removed' } } })
    expect(await rex.get('/meetings/mod-room/chat')).toMatchObject({ status: 403, body: { details: { reason: 'removed' } } })
    for (const [method, path, body] of controls) expect((await rex.request(method, path, body)).status, `${method} ${path} by a removed guest`).toBe(403)
    expect((await micOf('mod-room', gilId))?.muted).toBe(true)
    expect((await livekit().listParticipants('mod-room')).map((p) => p.identity)).toContain(gilId)
    await host.put(`/meetings/mod-room/lobby/${rexId}`, { decision: 'admit' })
    expect((await rex.post('/token', { roomName: 'mod-room' })).status).toBe(200)
  })

  test('"only hosts can unmute" takes the microphone from connected guests and from their next token', async () => {
    const host = await meeting('unmute-rule')
    const guest = client()
    const { identity } = await join(guest, 'unmute-rule', 'Gil', { mic: true })
    await eventually(
      () => micOf('unmute-rule', identity),
      (t) => Boolean(t),
    )
    await host.request('PATCH', '/meetings/unmute-rule/settings', { onlyHostsUnmute: true })
    const info = await eventually(
      () => livekit().getParticipant('unmute-rule', identity),
      (p) => Boolean(p.permission?.canPublishSources.length),
    )
    expect(info.permission?.canPublishSources).not.toContain(ServerTrackSource.MICROPHONE)
    expect(info.permission?.canPublishSources).toContain(ServerTrackSource.CAMERA)
    const claims = await new TokenVerifier(services().livekitKey, services().livekitSecret).verify(
      (await guest.post('/token', { roomName: 'unmute-rule' })).body.participantToken,
    )
    expect(claims.video?.canPublishSources).not.toContain('microphone')
    const hostClaims = await new TokenVerifier(services().livekitKey, services().livekitSecret).verify(
      (await host.post('/token', { roomName: 'unmute-rule' })).body.participantToken,
    )
    expect(hostClaims.video?.canPublishSources).toContain('microphone')
    await host.request('PATCH', '/meetings/unmute-rule/settings', { onlyHostsUnmute: false })
    expect(
      (
        await eventually(
          () => livekit().getParticipant('unmute-rule', identity),
          (p) => Boolean(p.permission?.canPublishSources.includes(ServerTrackSource.MICROPHONE)),
        )
      ).permission?.canPublishSources,
    ).toContain(ServerTrackSource.MICROPHONE)
  })

  test("hands go up in order through the server; only a host lowers someone else's", async () => {
    const host = await meeting('hands-room')
    await join(host, 'hands-room', 'Host')
    const ada = client()
    const bob = client()
    const { identity: adaId } = await join(ada, 'hands-room', 'Ada')
    const { identity: bobId, room: bobRoom } = await join(bob, 'hands-room', 'Bob')
    const first = (await ada.post('/meetings/hands-room/hand', { raised: true })).body
    const second = (await bob.post('/meetings/hands-room/hand', { raised: true })).body
    expect(first.raisedAt <= second.raisedAt).toBe(true)
    const seen = await eventually(
      async () => bobRoom.remoteParticipants.get(adaId)?.attributes.hand,
      (h) => Boolean(h),
    )
    expect(seen).toBe(first.raisedAt)
    expect(await bob.post('/meetings/hands-room/hand', { raised: false, identity: adaId })).toMatchObject({ status: 403, body: refusedShape })
    expect(await bob.post('/meetings/hands-room/hand', { raised: true, identity: adaId })).toMatchObject({ status: 403 })
    expect((await host.post('/meetings/hands-room/hand', { raised: false, identity: adaId })).body).toEqual({ identity: adaId, raisedAt: null })
    expect((await livekit().getParticipant('hands-room', adaId)).attributes.hand ?? '').toBe('')
    expect((await livekit().getParticipant('hands-room', bobId)).attributes.hand).toBe(second.raisedAt)
  })
})
