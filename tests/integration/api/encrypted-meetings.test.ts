import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'

// The server's side of an end-to-end encrypted meeting: it knows only that the meeting is encrypted
// (the key stays in the browsers), and refuses what would need the plaintext.
let runtime: RunningRuntime
beforeAll(async () => {
  runtime = await startRuntime(useServices())
})
afterAll(() => runtime?.stop())

describe('encrypted meetings', () => {
  test('chosen at creation, shown to everyone, and stored as a flag only', async () => {
    const owner = new ApiClient(runtime.url)
    const created = await owner.post('/meetings', { roomName: 'sealed-board', encrypted: true })
    expect(created).toMatchObject({ status: 201, body: { meeting: { roomName: 'sealed-board', encrypted: true } } })
    expect((await new ApiClient(runtime.url).get('/meetings/sealed-board')).body.meeting.encrypted).toBe(true)
    expect((await owner.post('/meetings', { roomName: 'plain-board' })).body.meeting.encrypted).toBe(false)
    const rows = await query(runtime.databaseUrl, `select * from meetings where room_name = 'sealed-board'`)
    expect(rows[0].encrypted).toBe(true)
    // No column of the meeting holds anything key-like: the flag is all the server has.
    expect(Object.keys(rows[0]).filter((column) => /key|secret|passphrase/i.test(column))).toEqual([])
  })

  test('a flag that is not a boolean is refused naming the field, and nothing is created', async () => {
    const owner = new ApiClient(runtime.url)
    for (const encrypted of ['yes', 1, null, { key: 'x' }]) {
      const response = await owner.post('/meetings', { roomName: 'odd-flag', encrypted })
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ error: 'validation_failed', details: { field: 'encrypted' } })
    }
    expect((await owner.get('/meetings/odd-flag')).status).toBe(404)
  })

  test('recording is refused with the reason: Egress cannot decrypt', async () => {
    const owner = new ApiClient(runtime.url)
    await owner.post('/meetings', { roomName: 'sealed-rec', encrypted: true })
    const refused = await owner.post('/recordings/start', { roomName: 'sealed-rec' })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ error: 'conflict', details: { reason: 'encrypted' } })
    expect(refused.body.message).toMatch(/end-to-end encrypted.*cannot decrypt/)
    expect(await query(runtime.databaseUrl, `select 1 from recordings r join meetings m on m.id = r.meeting_id where m.room_name = 'sealed-rec'`)).toEqual([])
  })

  test('chat through the server is refused: it would store plaintext the meeting encrypts', async () => {
    const owner = new ApiClient(runtime.url)
    await owner.post('/meetings', { roomName: 'sealed-chat', encrypted: true })
    const refused = await owner.post('/meetings/sealed-chat/chat', { text: 'hello' })
    expect(refused).toMatchObject({ status: 409, body: { details: { reason: 'encrypted' } } })
    expect(await query(runtime.databaseUrl, `select 1 from chat_messages c join meetings m on m.id = c.meeting_id where m.room_name = 'sealed-chat'`)).toEqual(
      [],
    )
  })
})
