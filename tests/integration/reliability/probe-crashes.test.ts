import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { sendBody, type BodyShape } from '../../support/body-probes.ts'
import { createTally, recordFigure } from '../../support/figures.ts'
import { BODY_LIMIT, ROUTES } from '../../support/hostile.ts'

// Issue 11, finding 2: one oversized chunked body stopped the development listener for good.
// Every route, in both listener modes, gets bodies that are too large or never finish; the
// process must keep answering, and a client that hangs up is not a server failure.
const SHAPES: Array<[BodyShape, number]> = [
  ['chunked', BODY_LIMIT * 16],
  ['long-length', BODY_LIMIT * 256],
  ['stops-midway', BODY_LIMIT / 2],
  ['chunked-stops-midway', BODY_LIMIT * 4],
]
const tally = createTally()
const notes: string[] = []

afterAll(async () => {
  await recordFigure('probe-crashes', {
    area: 'Probed from outside',
    probe: 'crashes',
    scenario: `bodies over BODY_LIMIT_BYTES (chunked, an over-long Content-Length) and bodies that stop midway, on all ${ROUTES.length} routes, against the development and the production listener`,
    checked: 'the process never exits and answers /health/live after each; no 5xx; a client hanging up logs no error',
    requests: tally.requests,
    errors: tally.breaches,
    rowsLost: 0,
    notes: notes.join('; '),
  })
})

describe.each(['development', 'production'])('the %s listener', (mode) => {
  let runtime: RunningRuntime
  beforeAll(async () => {
    runtime = await startRuntime(useServices(), { NODE_ENV: mode, BODY_LIMIT_BYTES: String(BODY_LIMIT), LIVEKIT_API_SECRET: useServices().livekitSecret })
  })
  afterAll(() => runtime?.stop())

  test.each(SHAPES)(
    '%s bodies on every route leave the process answering',
    async (shape, bytes) => {
      const statuses = new Map<string, number>()
      for (const [method, path] of ROUTES) {
        const answer = await sendBody(runtime.url, method, path, shape, bytes)
        const live = await fetch(`${runtime.url}/health/live`).then(
          (r) => r.status,
          () => 0,
        )
        const status = answer.status ?? 0
        statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1)
        tally.count(live === 200 && status < 500, 2)
        expect(live, `${method} ${path} with a ${shape} body: /health/live afterwards`).toBe(200)
        expect(status, `${method} ${path} with a ${shape} body`).toBeLessThan(500)
        if (shape === 'chunked' || shape === 'long-length') expect(status, `${method} ${path}`).not.toBe(0)
      }
      notes.push(`${mode} ${shape}: ${[...statuses].map(([s, n]) => `${n}×${s === '0' ? 'no answer' : s}`).join(', ')}`)
      expect(runtime.process.exitCode).toBeNull()
    },
    120_000,
  )

  // Found by CI: a route that never reads its body answered, then closed a socket with the upload
  // still arriving, and the reset took the answer with it (status 0), now and then.
  test('a route that never reads its body still delivers its answer to a client mid-upload', async () => {
    const statuses: Array<number | undefined> = []
    for (let i = 0; i < 40; i++) statuses.push((await sendBody(runtime.url, 'GET', '/health/live', 'chunked', BODY_LIMIT * 64)).status)
    tally.count(
      statuses.every((status) => status === 200),
      statuses.length,
    )
    expect(statuses.filter((status) => status !== 200)).toEqual([])
  }, 60_000)

  test('a refusal before the body limit is reached (cross-site) reaches a client mid-upload too', async () => {
    const statuses: Array<number | undefined> = []
    for (let i = 0; i < 40; i++) {
      statuses.push((await sendBody(runtime.url, 'POST', '/meetings', 'chunked', BODY_LIMIT * 64, { headers: { 'sec-fetch-site': 'cross-site' } })).status)
    }
    tally.count(
      statuses.every((status) => status === 403),
      statuses.length,
    )
    expect(statuses.filter((status) => status !== 403)).toEqual([])
  }, 60_000)

  test('logged no failure', () => {
    expect(
      runtime
        .output()
        .split('\n')
        .filter((line) => /\[error\]|"level":50|failed:|Error:/.test(line)),
    ).toEqual([])
  })
})
