import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { sendRaw } from '../../support/raw-http.ts'
import { ROUTES } from '../../support/hostile.ts'
import { createTally, recordFigure } from '../../support/figures.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'

let runtime: RunningRuntime
const tally = createTally()
const count = tally.count

beforeAll(async () => {
  runtime = await startRuntime(useServices())
  await new ApiClient(runtime.url).post('/meetings', { roomName: 'fuzz-room' })
})
afterAll(async () => {
  await recordFigure('probe-input-rules', {
    area: 'Probed from outside',
    probe: 'input rules',
    scenario:
      'every route with every other method; forged webhook signatures of each kind; display names with joiners, emoji sequences, lone surrogates, control and bidi characters',
    checked:
      '405 with Allow and the error shape where the path exists; webhook 401s say only "missing or invalid signature" (the detail is logged); names with ZWJ/ZWNJ and emoji sequences kept as written, the rest 400 naming the field',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
  })
  await runtime?.stop()
})

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

describe('input rules seen from outside', () => {
  test('a method a path does not take answers 405 with Allow, never 404', async () => {
    const allowed = new Map<string, string[]>()
    for (const [method, path] of ROUTES) allowed.set(path, [...(allowed.get(path) ?? []), method])
    for (const [path, methods] of allowed) {
      for (const method of METHODS.filter((m) => !methods.includes(m))) {
        const response = await sendRaw(runtime.url, method, path)
        const allow = response?.headers.allow
        expect(count(response?.status === 405), `${method} ${path}`).toBe(true)
        for (const m of methods) expect(allow, `${method} ${path}`).toContain(m)
        if (methods.includes('GET')) expect(allow).toContain('HEAD')
        expect(JSON.parse(response!.text)).toEqual({ error: 'method_not_allowed', message: `${method} is not allowed here; use ${allow}`, details: { allow } })
      }
    }
    // A path nothing answers is still a 404, and HEAD still answers where GET does.
    expect((await sendRaw(runtime.url, 'DELETE', '/no/such/route'))?.status).toBe(404)
    expect((await sendRaw(runtime.url, 'HEAD', '/health/live'))?.status).toBe(200)
  })

  test('a refused webhook says only that its signature is missing or invalid; the reason goes to the log', async () => {
    const body = webhookBody({ event: 'room_started', id: 'EV_probe_1', createdAt: 1_800_000_000, room: { name: 'fuzz-room' } })
    const [key, secret] = [useServices().livekitKey, useServices().livekitSecret]
    const forgeries = [
      undefined,
      'Bearer x',
      'not-a-jwt',
      await signWebhook(body, key, 'not-the-secret-not-the-secret-xx'),
      await signWebhook(body, 'other-key', secret),
      await signWebhook('{}', key, secret),
    ]
    for (const authorization of forgeries) {
      const response = await postWebhook(runtime.url, body, authorization)
      expect(count(response.status === 401)).toBe(true)
      expect(response.body).toEqual({ error: 'unauthorized', message: 'Webhook rejected: missing or invalid signature' })
    }
    expect(runtime.output()).toContain('Webhook rejected:')
  })

  test('display names: joiners and emoji sequences are kept; lone surrogates, controls and bidi overrides are refused naming the field', async () => {
    const visitor = new ApiClient(runtime.url)
    for (const name of [
      '👩\u200d💻 Ada',
      'می\u200cخواهم',
      'क्\u200dष',
      '👨\u200d👩\u200d👧\u200d👦',
      '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} Grace',
    ]) {
      const response = await visitor.put('/session', { displayName: name })
      expect(count(response.status === 200 && response.body.displayName === name), name).toBe(true)
      expect((await visitor.post('/token', { roomName: 'fuzz-room', participantName: name })).body.participantName).toBe(name)
    }
    // JSON escapes are how a lone surrogate arrives: JSON.stringify would write it the same way.
    const refused: Array<[string, RegExp]> = [
      ['"a\\ud800b"', /well-formed/],
      ['"\\udfff"', /well-formed/],
      ['"a\\u0007b"', /control/],
      ['"evil\\u202egnp.exe"', /bidirectional/],
      ['"a\\u2066b"', /bidirectional/],
      ['"\\u200d"', /visible/],
    ]
    for (const [json, rule] of refused) {
      for (const [path, field] of [
        ['/session', 'displayName'],
        ['/token', 'participantName'],
      ] as const) {
        const body = path === '/session' ? `{"displayName":${json}}` : `{"roomName":"fuzz-room","participantName":${json}}`
        const response = await sendRaw(runtime.url, path === '/session' ? 'PUT' : 'POST', path, {
          headers: { 'content-type': 'application/json', cookie: visitor.cookie },
          body,
        })
        const answer = JSON.parse(response!.text)
        expect(count(response?.status === 400 && answer.details?.field === field), `${path} ${json}`).toBe(true)
        expect(answer).toMatchObject({ error: 'validation_failed', message: expect.stringMatching(rule) })
      }
    }
  })
})
