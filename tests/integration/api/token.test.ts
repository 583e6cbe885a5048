import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TokenVerifier, RoomServiceClient } from 'livekit-server-sdk'
import { Room } from '@livekit/rtc-node'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'

let runtime: RunningRuntime
const services = () => useServices()
const verify = (token: string) => new TokenVerifier(services().livekitKey, services().livekitSecret).verify(token)

beforeAll(async () => {
  runtime = await startRuntime(useServices())
})
afterAll(() => runtime?.stop())

describe('tokens', () => {
  test('hosts and guests get the same browser grant (join, publish, subscribe, data); the host shows in isHost and the role attribute', async () => {
    const host = new ApiClient(runtime.url)
    const guest = new ApiClient(runtime.url)
    await host.post('/meetings', { roomName: 'grants' })
    const hostToken = await host.post('/token', { roomName: 'grants', participantName: 'Hana' })
    const guestToken = await guest.get('/token?roomName=grants&participantName=Gil')
    expect(hostToken.status).toBe(200)
    expect(guestToken.status).toBe(200)
    expect(hostToken.body).toMatchObject({ serverUrl: services().livekitUrl, roomName: 'grants', participantName: 'Hana', isHost: true })
    const hostClaims = await verify(hostToken.body.participantToken)
    const guestClaims = await verify(guestToken.body.participantToken)
    const sources = ['camera', 'microphone', 'screen_share', 'screen_share_audio']
    const browserGrant = {
      room: 'grants',
      roomJoin: true,
      canPublish: true,
      canPublishSources: sources,
      canSubscribe: true,
      canPublishData: true,
      canUpdateOwnMetadata: false,
    }
    // Recording and ending go through the runtime, which checks the host: no admin or record right in a browser.
    expect(hostClaims.video).toEqual(browserGrant)
    expect(guestClaims.video).toEqual(browserGrant)
    expect([hostClaims.attributes?.role, guestClaims.attributes?.role]).toEqual(['host', 'guest'])
    expect(guestClaims.sub).toBe(guestToken.body.identity)
    // Short-lived: LiveKit refreshes tokens of connected participants itself.
    expect(guestClaims.exp! - guestClaims.nbf!).toBeLessThanOrEqual(15 * 60)
  })

  test('the identity comes from the session: no body field can choose it', async () => {
    const alice = new ApiClient(runtime.url)
    const mallory = new ApiClient(runtime.url)
    await alice.post('/meetings', { roomName: 'identity-check' })
    const aliceIdentity = (await alice.get('/session')).body.identity
    const forged = await mallory.request('POST', '/token', { roomName: 'identity-check', identity: aliceIdentity, sub: aliceIdentity })
    expect(forged.status).toBe(200)
    expect(forged.body.identity).not.toBe(aliceIdentity)
    expect((await verify(forged.body.participantToken)).sub).not.toBe(aliceIdentity)
    expect(forged.body.isHost).toBe(false)
  })

  test('unknown meetings and bad input are clear 4xx answers', async () => {
    const visitor = new ApiClient(runtime.url)
    expect(await visitor.post('/token', { roomName: 'nobody-made-this' })).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: 'Meeting "nobody-made-this" does not exist' },
    })
    expect(await visitor.post('/token', {})).toMatchObject({ status: 400, body: { details: { field: 'roomName' } } })
    expect(await visitor.get('/token?roomName=ok-room&roomName=twice')).toMatchObject({ status: 400, body: { details: { field: 'roomName' } } })
    expect(await visitor.post('/token', '{"roomName":')).toMatchObject({ status: 400, body: { error: 'bad_request' } })
  })

  test('the real LiveKit server accepts the token; a guest token cannot end the room or record', async () => {
    const host = new ApiClient(runtime.url)
    const guest = new ApiClient(runtime.url)
    await host.post('/meetings', { roomName: 'real-join' })
    const { body } = await guest.post('/token', { roomName: 'real-join', participantName: 'Gil' })
    const room = new Room()
    await room.connect(body.serverUrl, body.participantToken, { autoSubscribe: false, dynacast: false })
    expect(room.localParticipant?.identity).toBe(body.identity)

    const asGuest = (service: string, method: string) =>
      fetch(`${services().livekitHttpUrl}/twirp/livekit.${service}/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.participantToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ room: 'real-join', room_name: 'real-join' }),
      })
    expect((await asGuest('RoomService', 'DeleteRoom')).status).toBe(401)
    expect((await asGuest('Egress', 'StartRoomCompositeEgress')).status).toBe(401)
    expect((await guest.post('/meetings/real-join/end')).status).toBe(403)
    expect((await guest.post('/recordings/start', { roomName: 'real-join' })).status).toBe(403)
    const rooms = await new RoomServiceClient(services().livekitHttpUrl, services().livekitKey, services().livekitSecret).listRooms(['real-join'])
    expect(rooms).toHaveLength(1)
    await room.disconnect()
  })
})
