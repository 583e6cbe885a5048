import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { ApiClient } from '../../../native/api-client.ts'
import { query } from '../../support/db.ts'
import { eventually } from '../../support/eventually.ts'
import { countStatus, startLoad } from '../../support/load.ts'
import { recordFigure } from '../../support/figures.ts'

let runtime: RunningRuntime
beforeAll(async () => {
  runtime = await startRuntime(useServices())
})
afterAll(() => runtime?.stop('SIGKILL'))

/** A PUT /session whose body is still arriving: in flight for as long as the caller holds `finish`. */
function slowRequest(url: string, cookie: string) {
  const body = JSON.stringify({ displayName: 'Slow Sam' })
  const req = request(`${url}/session`, { method: 'PUT', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } })
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, body: text }))
    })
    req.on('error', reject)
  })
  req.write(body.slice(0, 10))
  return { answer, finish: () => req.end(body.slice(10)) }
}

describe('runtime stopped with SIGTERM mid-load', () => {
  test('in-flight requests finish with 2xx, the process exits 0, and nothing is half-written', async () => {
    const clients = Array.from({ length: 8 }, () => new ApiClient(runtime.url))
    const slowVisitor = new ApiClient(runtime.url)
    await slowVisitor.get('/session')
    const created = new Set<string>()
    const pending = new Set<string>()
    let signalled = false
    const inFlightAtSignal: Array<{ name: string; status?: number }> = []
    const load = startLoad({ workers: clients.length, maxRequests: 4000, maxMs: 30_000, pauseMs: 5 }, async (w, i) => {
      const roomName = `term-${w}-${i}`
      if (signalled) throw new Error('stopped') // requests after the signal only measure refusal
      pending.add(roomName)
      const caught = () => inFlightAtSignal.find((r) => r.name === roomName)
      try {
        const response = await clients[w].post('/meetings', { roomName })
        if (response.status === 201) created.add(roomName)
        if (caught()) caught()!.status = response.status
        return response.status
      } catch (error) {
        // Sent on a keep-alive connection the server was closing as idle: never read, so never run.
        if (caught()) caught()!.status = 0
        throw error
      } finally {
        pending.delete(roomName)
      }
    })
    await eventually(
      async () => created.size,
      (n) => n >= 60,
    )
    const slow = slowRequest(runtime.url, slowVisitor.cookie)
    await sleep(200) // headers and half the body are on the server
    runtime.process.kill('SIGTERM')
    signalled = true
    inFlightAtSignal.push(...[...pending].map((name) => ({ name })))
    await eventually(
      async () => runtime.output(),
      (out) => out.includes('SIGTERM received'),
    )
    slow.finish()
    const slowAnswer = await slow.answer
    const exitCode = await runtime.exited
    const tally = await load.stop()

    const stored = await query<{ room_name: string; audited: boolean }>(
      runtime.databaseUrl,
      `select room_name, exists (select 1 from audit_log a where a.target = m.room_name) as audited from meetings m where room_name like 'term-%'`,
    )
    const lost = [...created].filter((name) => !stored.some((row) => row.room_name === name)).length
    await recordFigure('fault-sigterm', {
      area: 'Faults',
      scenario: 'Runtime sent SIGTERM while 8 clients create meetings and one request body is still arriving',
      checked:
        'requests in flight at the signal finish with 2xx (or, never read, leave nothing); exit code 0; every acknowledged meeting stored with its audit row, no other row',
      requests: tally.requests - tally.connectionErrors + 1,
      errors: countStatus(tally, 500, 599) + (slowAnswer.status === 200 ? 0 : 1) + inFlightAtSignal.filter((r) => r.status !== 201 && r.status !== 0).length,
      rowsLost: lost,
      notes: `in flight at the signal: ${inFlightAtSignal.length + 1}, finished 2xx: ${inFlightAtSignal.filter((r) => r.status === 201).length + (slowAnswer.status === 200 ? 1 : 0)}, closed unread (nothing stored): ${inFlightAtSignal.filter((r) => r.status === 0).length}; exit code ${exitCode}`,
    })

    expect(exitCode, runtime.output().slice(-3000)).toBe(0)
    expect(runtime.output()).toContain('Stopped cleanly')
    expect(slowAnswer.status).toBe(200)
    expect(JSON.parse(slowAnswer.body).displayName).toBe('Slow Sam')
    // Each request the server had read finished 2xx; one it had not read left no row (checked below).
    expect(inFlightAtSignal.filter((r) => r.status !== 201 && r.status !== 0)).toEqual([])
    expect(countStatus(tally, 500, 599)).toBe(0)
    expect(stored.map((row) => row.room_name).sort()).toEqual([...created].sort())
    expect(stored.every((row) => row.audited)).toBe(true)
  }, 60_000)
})
