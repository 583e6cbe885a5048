import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { eventually } from '../../support/eventually.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'

const health = (runtime: RunningRuntime) => fetch(`${runtime.url}/health`).then(async (r) => ({ status: r.status, body: await r.json() }))

/** An HTTP service that answers with whatever status it is told. */
async function service(initial: number) {
  let answer = initial
  const server: Server = createServer((_, response) => response.writeHead(answer).end(answer < 300 ? 'OK' : 'busy'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    answer: (status: number) => (answer = status),
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

// /health (in detail, as the internal network sees it) reports LiveKit Egress through its health
// port and the site, where their addresses are configured (compose.yaml sets both).
describe('/health reports Egress and the site', () => {
  let egress: Awaited<ReturnType<typeof service>>
  let site: Awaited<ReturnType<typeof service>>
  let runtime: RunningRuntime
  let bare: RunningRuntime

  beforeAll(async () => {
    egress = await service(200)
    site = await service(302)
    runtime = await startRuntime(useServices(), { EGRESS_HEALTH_URL: egress.url, SITE_HEALTH_URL: site.url, HEALTH_CACHE_SECONDS: '1' })
    bare = await startRuntime(useServices())
  })
  afterAll(async () => {
    await runtime?.stop()
    await bare?.stop()
    await egress?.close()
  })

  test('both answering: egress and site are ok beside the other dependencies', async () => {
    const { status, body } = await health(runtime)
    expect(status).toBe(200)
    expect(body.checks.egress).toMatchObject({ status: 'ok', essential: false })
    // The site's home may redirect (to sign in): an answer below 500 is up.
    expect(body.checks.site).toMatchObject({ status: 'ok', essential: false })
    expect(body.status).toBe('ok')
  })

  test('an Egress that refuses work degrades the service without taking it down', async () => {
    egress.answer(503)
    const { status, body } = await eventually(
      () => health(runtime),
      (h) => h.body.checks.egress.status === 'down',
    )
    expect(status).toBe(200)
    expect(body.status).toBe('degraded')
    expect(body.checks.egress).toMatchObject({ status: 'down', essential: false, message: 'Answered with an error' })
    expect(JSON.stringify(body)).not.toContain('127.0.0.1')
    egress.answer(200)
    await eventually(
      () => health(runtime),
      (h) => h.body.checks.egress.status === 'ok',
    )
  })

  test('a site that is gone reads "Not reachable"', async () => {
    await site.close()
    const { body } = await eventually(
      () => health(runtime),
      (h) => h.body.checks.site.status === 'down',
    )
    expect(body.checks.site).toMatchObject({ status: 'down', message: 'Not reachable' })
    expect(body.status).toBe('degraded')
  })

  test('where neither is configured (no recording worker, no site address), there is no such check', async () => {
    const { body } = await health(bare)
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'livekit', 'redis', 'storage'])
  })
})
