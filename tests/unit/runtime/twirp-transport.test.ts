import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk'
import { createLivekit, isLivekitNotFound } from '../../../runtime/livekit/clients.ts'
import { sendOver, twirpOverHttp } from '../../../runtime/livekit/twirp-transport.ts'
import type { Config } from '../../../runtime/config/load.ts'

// A stand-in for LiveKit's Twirp API on loopback: `respond` decides each answer; every request
// and the connection it came on are recorded.
const keys = { key: 'transport-key', secret: 'transport-secret-at-least-32-characters' }
let server: Server
let url: string
let respond: (request: IncomingMessage, body: string, response: ServerResponse, requestOnSocket: number) => void
const seen: Array<{ path: string; authorization?: string; body: string; connection: number }> = []

beforeAll(async () => {
  const sockets = new WeakMap<object, { id: number; requests: number }>()
  let connections = 0
  server = createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    const socket = sockets.get(request.socket) ?? { id: ++connections, requests: 0 }
    sockets.set(request.socket, socket)
    socket.requests++
    seen.push({ path: request.url!, authorization: request.headers.authorization, body, connection: socket.id })
    respond(request, body, response, socket.requests)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))
afterEach(() => {
  seen.length = 0
  vi.unstubAllGlobals()
})

const json = (response: ServerResponse, status: number, value: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))

const livekitAt = (address: string) =>
  createLivekit({ LIVEKIT_URL: address.replace('http', 'ws'), LIVEKIT_API_KEY: keys.key, LIVEKIT_API_SECRET: keys.secret } as Config)

describe("the runtime's LiveKit clients speak Twirp over node:http", () => {
  test('a call goes to the Twirp path with a JWT that carries the grant, on one kept-alive connection, and never through fetch', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new Error('fetch must not be used')))
    respond = (_request, body, response) => json(response, 200, { name: JSON.parse(body).name, sid: 'RM_1' })
    const { rooms } = livekitAt(url)
    const first = await rooms.createRoom({ name: 'alpha' })
    const second = await rooms.createRoom({ name: 'beta' })
    expect([first.name, first.sid, second.name]).toEqual(['alpha', 'RM_1', 'beta'])
    expect(seen.map((s) => s.path)).toEqual(['/twirp/livekit.RoomService/CreateRoom', '/twirp/livekit.RoomService/CreateRoom'])
    expect(JSON.parse(seen[0].body)).toMatchObject({ name: 'alpha' })
    const claims = await new TokenVerifier(keys.key, keys.secret).verify(seen[0].authorization!.replace('Bearer ', ''))
    expect(claims.video?.roomCreate).toBe(true)
    expect(new Set(seen.map((s) => s.connection)).size).toBe(1)
  })

  test("LiveKit's Twirp error keeps its code, status and message (isLivekitNotFound reads it)", async () => {
    respond = (_request, _body, response) => json(response, 404, { code: 'not_found', msg: 'room not found' })
    const error = await livekitAt(url)
      .rooms.deleteRoom('gone')
      .catch((e: unknown) => e)
    expect(isLivekitNotFound(error)).toBe(true)
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'room not found' })
  })

  test('an answer that is not Twirp JSON is an error carrying the status and the text', async () => {
    respond = (_request, _body, response) => response.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway')
    await expect(livekitAt(url).rooms.listRooms()).rejects.toMatchObject({ status: 502, message: 'bad gateway' })
  })

  test('a LiveKit that never answers fails the call after the timeout, with a message that says so', async () => {
    respond = () => {} // reads the request, never answers
    const rooms = sendOver(new RoomServiceClient(url, keys.key, keys.secret), twirpOverHttp(url, { timeoutSeconds: 0.2 }))
    await expect(rooms.listRooms()).rejects.toMatchObject({ message: 'LiveKit did not answer within 0.2 s', code: 'ETIMEDOUT' })
  })

  test('a kept-alive connection LiveKit dropped is replaced: the call is sent again on a new one', async () => {
    // The first request on each connection is answered; any later one finds the connection closed.
    respond = (request, _body, response, requestOnSocket) => (requestOnSocket === 1 ? json(response, 200, { rooms: [] }) : request.socket.destroy())
    const { rooms } = livekitAt(url)
    expect(await rooms.listRooms()).toEqual([])
    expect(await rooms.listRooms()).toEqual([])
    expect(seen.map((s) => s.connection)).toEqual([seen[0].connection, seen[0].connection, seen[0].connection + 1])
  })

  test("a host the runtime cannot reach fails with the connection's code and without its address (functions pass the message on)", async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const address = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise((resolve) => closed.close(resolve))
    const error = await livekitAt(address)
      .rooms.listRooms()
      .catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'ECONNREFUSED', message: 'LiveKit could not be reached (ECONNREFUSED)' })
  })
})
