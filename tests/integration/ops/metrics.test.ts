import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import { freePort } from '../../../native/free-port.ts'
import { startLivekit, type LivekitHandle } from '../../../native/livekit.ts'
import { startServiceProcess, type ServiceProcess } from '../../../native/process.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'
import { eventually } from '../../support/eventually.ts'
import { livekitMetricNames } from '../../../monitoring/metric-sources.ts'
import { postWebhook, signWebhook, webhookBody } from '../../../native/webhooks.ts'

// The runtime's metrics port and LiveKit's prometheus_port, scraped by a real Prometheus
// (Debian's `prometheus` package).
describe('Prometheus metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meet-metrics-'))
  let runtime: RunningRuntime
  let livekit: LivekitHandle
  let prometheus: ServiceProcess
  let metricsUrl: string
  let prometheusUrl: string

  const query = async (expr: string) => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`)
    return ((await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result
  }

  beforeAll(async () => {
    const services = useServices()
    const metricsPort = await freePort()
    const livekitMetricsPort = await freePort()
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`
    livekit = await startLivekit({
      port: await freePort(),
      keys: { key: services.livekitKey, secret: services.livekitSecret },
      configDir: join(dir, 'livekit'),
      prometheusPort: livekitMetricsPort,
    })
    // A Redis database of its own: rate-limit counts from other test files must not mix in.
    runtime = await startRuntime(services, {
      METRICS_PORT: String(metricsPort),
      RATE_LIMIT_MAX: '4',
      REDIS_URL: `${services.redisUrl.replace(/\/\d*$/, '')}/7`,
    })
    const promPort = await freePort()
    prometheusUrl = `http://127.0.0.1:${promPort}`
    writeFileSync(
      join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        scrape_configs: [
          { job_name: 'runtime', static_configs: [{ targets: [`127.0.0.1:${metricsPort}`] }] },
          { job_name: 'livekit', static_configs: [{ targets: [`127.0.0.1:${livekitMetricsPort}`] }] },
        ],
      }),
    )
    prometheus = await startServiceProcess({
      name: 'prometheus',
      command: 'prometheus',
      args: [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`],
      ready: () => fetch(`${prometheusUrl}/-/ready`).then((r) => r.ok),
    })
  })

  afterAll(async () => {
    await Promise.allSettled([runtime?.stop(), livekit?.stop(), prometheus?.stop()])
  })

  test('requests by route, method and status; rate-limit refusals; dependency health; stored state', async () => {
    // Each request with the route pattern it should be counted under; the limit (4 per window,
    // shared Redis database 7) turns the later ones into 429s.
    const sent: [route: string, status: number][] = []
    const send = async (path: string, route: string) => {
      const response = await fetch(`${runtime.url}${path}`)
      sent.push([route, response.status])
      return response
    }
    await send('/health', '/health')
    await send('/no-such-endpoint', '(unmatched)')
    // The API port does not serve metrics.
    const onApiPort = await send('/metrics', '(unmatched)')
    expect(await onApiPort.text()).not.toContain('meet_http_requests_total')
    for (let i = 0; i < 5; i++) await send('/recordings/00000000-0000-4000-8000-000000000000', '/recordings/:id')
    const refused = sent.filter(([, status]) => status === 429).length
    expect(refused).toBeGreaterThanOrEqual(3)
    expect(sent.filter(([route]) => route === '(unmatched)').every(([, status]) => status === 404 || status === 429)).toBe(true)

    // A webhook LiveKit created 3 s ago: its processing lag is observed.
    const body = webhookBody({
      event: 'room_started',
      id: 'EV_metrics_lag',
      createdAt: Math.floor(Date.now() / 1000) - 3,
      room: { sid: 'RM_lag', name: 'metrics-lag' },
    })
    expect((await postWebhook(runtime.url, body, await signWebhook(body, runtime.env.LIVEKIT_API_KEY, runtime.env.LIVEKIT_API_SECRET))).status).toBe(200)

    const text = await (await fetch(metricsUrl)).text()
    expect(text).toContain('meet_webhook_lag_seconds_count{event="room_started"} 1')
    expect(Number(/meet_webhook_lag_seconds_sum\{event="room_started"\} ([\d.]+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(2)
    const counted = new Map<string, number>()
    for (const [route, status] of sent) counted.set(`${route} ${status}`, (counted.get(`${route} ${status}`) ?? 0) + 1)
    for (const [key, count] of counted) {
      const [route, status] = key.split(' ')
      expect(text).toContain(`meet_http_requests_total{route="${route}",method="GET",status="${status}"} ${count}`)
      expect(text).toMatch(
        new RegExp(`meet_http_request_duration_seconds_count\\{route="${route.replace(/[()/:]/g, '\\$&')}",method="GET",status="${status}"\\} ${count}`),
      )
    }
    expect(text).toContain(`meet_rate_limit_refusals_total{tier="api"} ${refused}`)
    for (const dependency of ['database', 'redis', 'storage', 'livekit']) expect(text).toContain(`meet_dependency_up{dependency="${dependency}"} 1`)
    expect(text).toContain('meet_recordings{status="complete"} 0')
    expect(text).toContain('meet_live_participants 0')
    expect(text).toContain('meet_backup_last_success_timestamp_seconds 0')
    expect(text).toContain('meet_bucket_bytes{prefix="recordings"} 0')
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
  })

  test('a real Prometheus scrapes the runtime and LiveKit', async () => {
    const up = await eventually(
      () => query('up'),
      (r) => r.length === 2 && r.every((s) => s.value[1] === '1'),
      30_000,
    )
    expect(up.map((s) => [s.metric.job, s.value[1]]).sort()).toEqual([
      ['livekit', '1'],
      ['runtime', '1'],
    ])
    const requests = await eventually(
      () => query('sum(meet_http_requests_total)'),
      (r) => r.length === 1,
    )
    expect(Number(requests[0].value[1])).toBeGreaterThan(0)
    // Every LiveKit metric the dashboard reads is really there.
    const livekitNames = new Set((await query('{job="livekit"}')).map((s) => s.metric.__name__))
    expect(livekitMetricNames.filter((name) => !livekitNames.has(name))).toEqual([])
  })
})
