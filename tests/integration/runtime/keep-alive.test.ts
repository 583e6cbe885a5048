import { afterAll, beforeAll, expect, test } from 'vitest'
import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'

// Found by a flaky chat test: Node's 5 s keep-alive closed connections that the fetch pool of the
// caller (the site's proxy, a test client, Caddy's upstream pool) still held as open, and a POST
// sent on one as it closed failed with "other side closed". The runtime keeps idle connections a minute.
let runtime: RunningRuntime
beforeAll(async () => {
  runtime = await startRuntime(useServices())
})
afterAll(() => runtime?.stop())

const request = (socket: Socket) => {
  const { host } = new URL(runtime.url)
  socket.write(`GET /health/live HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n\r\n`)
}

async function nextAnswer(socket: Socket): Promise<string> {
  let text = ''
  while (!/\r\n\r\n[\s\S]*\}/.test(text)) {
    const [chunk] = (await Promise.race([once(socket, 'data'), once(socket, 'close').then(() => [''])])) as [Buffer | string]
    if (!chunk) return text
    text += chunk.toString()
  }
  return text
}

test('a connection left idle for 7 seconds still takes the next request, and the answer says how long it may idle', async () => {
  const { hostname, port } = new URL(runtime.url)
  const socket = connect(Number(port), hostname)
  await once(socket, 'connect')
  request(socket)
  const first = await nextAnswer(socket)
  expect(first).toMatch(/^HTTP\/1\.1 200/)
  expect(first.toLowerCase()).toContain('keep-alive: timeout=65')
  await sleep(7_000)
  request(socket)
  expect(await nextAnswer(socket)).toMatch(/^HTTP\/1\.1 200/)
  socket.destroy()
}, 30_000)
