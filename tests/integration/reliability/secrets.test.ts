import { afterAll, describe, expect, test } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { useServices } from '../../support/services.ts'
import { runtimeEnv, spawnRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { signWebhook, webhookBody } from '../../../native/webhooks.ts'
import { recordFigure } from '../../support/figures.ts'
import { startPostgres, type PostgresHandle, type PostgresOptions } from '../../../native/postgres.ts'
import { freePort } from '../../../native/free-port.ts'

const secret = (label: string) => `${label}${randomBytes(18).toString('hex')}`
const SECRETS = { database: secret('pgpw'), livekit: secret('lksecret'), s3: secret('s3secret') }
let postgres: PostgresHandle
let runtime: RunningRuntime
let root: string
afterAll(async () => {
  await runtime?.stop()
  await postgres?.stop()
  if (root) await rm(root, { recursive: true, force: true })
})

const leaks = (text: string) =>
  Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name)

describe('secrets never appear in logs or error bodies', () => {
  test('a production runtime with every dependency failing in turn prints and answers no secret', async () => {
    root = await mkdtemp(join(tmpdir(), 'meet-secrets-'))
    const options: PostgresOptions = { dataDir: join(root, 'pg'), port: await freePort(), user: 'meet', password: SECRETS.database, database: 'secrets' }
    postgres = await startPostgres(options)
    // LiveKit does not know this secret and nothing listens at the S3 endpoint: every call to them fails.
    const env = await runtimeEnv(useServices(), {
      // open: a visitor without an account creates the meeting whose host actions fail below.
      NODE_ENV: 'production',
      ACCESS_MODE: 'open',
      LOG_LEVEL: 'debug',
      DATABASE_URL: postgres.url,
      LIVEKIT_API_SECRET: SECRETS.livekit,
      S3_SECRET_KEY: SECRETS.s3,
      S3_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
    })
    runtime = await spawnRuntime(env)
    const bodies: string[] = []
    const client = new ApiClient(runtime.url)
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${runtime.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie: client.cookie, ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const text = await response.text()
      bodies.push(`${response.status} ${text} ${[...response.headers].join(' ')}`)
      return { status: response.status, text }
    }
    const provoke = async () => {
      await call('GET', '/health')
      await call('GET', '/health/ready')
      await call('POST', '/meetings', '{"roomName":')
      await call('POST', '/meetings', { roomName: 'x'.repeat(100) })
      await call('POST', '/token', { roomName: 'secret-room', participantName: 'Sam' })
      await call('POST', '/meetings/secret-room/end')
      await call('POST', '/recordings/start', { roomName: 'secret-room' })
      await call('GET', '/recordings/00000000-0000-4000-8000-000000000000')
      const body = webhookBody({ event: 'room_started', id: `EV_${randomBytes(4).toString('hex')}`, createdAt: 9e18, room: { name: 'secret-room' } })
      await call('POST', '/webhooks/livekit', body, { authorization: await signWebhook(body, useServices().livekitKey, SECRETS.livekit) })
      await call('POST', '/webhooks/livekit', body, { authorization: await signWebhook(body, useServices().livekitKey, 'not-the-secret-not-the-secret-xx') })
      await call('PUT', '/session', { displayName: SECRETS.livekit.slice(0, 10) })
    }
    client.cookie = (await client.put('/session', { displayName: 'Sam' })).headers.get('set-cookie')!.split(';')[0]
    expect((await call('POST', '/meetings', { roomName: 'secret-room' })).status).toBe(201)
    await provoke()
    const ended = bodies.find((b) => b.startsWith('503') && b.includes('LiveKit could not close the room'))
    expect(ended).toBeDefined()
    await postgres.stop()
    await provoke()
    postgres = await startPostgres(options)
    await provoke()
    expect(await runtime.stop()).toBe(0)

    // A production start refused for a weak secret must not print it, nor the database URL's password.
    const weak = 'weak' + randomBytes(6).toString('hex')
    const refused = await spawnRuntime({ ...env, PORT: String(await freePort()), LIVEKIT_API_SECRET: weak }, { waitReady: false })
    const refusedCode = await refused.exited
    const output = runtime.output() + refused.output()
    const found = [...leaks(output), ...leaks(bodies.join('\n')), ...(output.includes(weak) ? ['weak livekit secret'] : [])]

    await recordFigure('access-secrets', {
      area: 'Access',
      scenario:
        'production runtime at debug level while LiveKit rejects its key, S3 is unreachable and PostgreSQL stops and restarts; a start refused for a weak secret',
      checked: 'the database password, LiveKit secret and S3 secret appear in no log line and no response (body or header)',
      requests: bodies.length,
      errors: found.length,
      rowsLost: 0,
      notes: `log lines searched: ${output.split('\n').length}; responses searched: ${bodies.length}; secrets found: ${found.length}`,
    })
    // The search itself works: the environment the runtime got holds all three.
    expect(leaks(JSON.stringify(env))).toEqual(['database', 'livekit', 's3'])
    expect(runtime.output()).toMatch(/dependency unreachable/)
    expect(refusedCode).toBe(1)
    expect(refused.output()).toContain('LIVEKIT_API_SECRET is invalid (32+ characters in production)')
    expect(bodies.some((b) => b.startsWith('503'))).toBe(true)
    expect(found).toEqual([])
  }, 120_000)
})
