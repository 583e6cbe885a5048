import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { registry } from '../../../runtime/metrics/registry.ts'
import { livekitMetricNames, exporterMetricNames } from '../../../monitoring/metric-sources.ts'
import { metricNames } from './support/promql.ts'

const root = resolve(import.meta.dirname, '../../..')
const monitoring = join(root, 'monitoring')

function promtool(args: string[], cwd = monitoring) {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' })
  if (result.error) throw new Error(`promtool is needed for this test (apt-get install -y prometheus): ${result.error.message}`)
  return result
}

const alerts = parse(readFileSync(join(monitoring, 'alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] }
const rules = alerts.groups.flatMap((g) => g.rules)
const dashboard = JSON.parse(readFileSync(join(monitoring, 'grafana/dashboards/meet.json'), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[]
}

// What the runtime really exports: its own registry (histograms as _bucket, _sum and _count).
async function runtimeMetricNames() {
  const metrics = await registry.getMetricsAsJSON()
  return metrics.flatMap((m) => (String(m.type) === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name]))
}

describe('monitoring profile', () => {
  test('promtool check rules accepts the alert rules', () => {
    const result = promtool(['check', 'rules', 'alerts.yml'])
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain(`SUCCESS: ${rules.length} rules found`)
  })

  test('promtool test rules: every alert fires on its test series and stays quiet otherwise', () => {
    const result = promtool(['test', 'rules', 'alerts.test.yml'])
    expect(result.stdout + result.stderr).toContain('SUCCESS')
    expect(result.status).toBe(0)
    // Evaluating every test series takes seconds on a loaded 2-core machine.
  }, 60_000)

  test('every alert has a test', () => {
    const tested = readFileSync(join(monitoring, 'alerts.test.yml'), 'utf8')
    for (const { alert } of rules) expect(tested, alert).toContain(`alertname: ${alert}`)
    expect(rules.map((r) => r.alert).sort()).toEqual([
      'BackupTooOld',
      'CertificateExpiresSoon',
      'DependencyDown',
      'DiskAlmostFull',
      'HighErrorRate',
      'ServiceDown',
    ])
  })

  test('promtool check config accepts prometheus.yml as the service runs it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meet-prometheus-'))
    cpSync(join(monitoring, 'alerts.yml'), join(dir, 'alerts.yml'))
    const config = readFileSync(join(monitoring, 'prometheus.yml'), 'utf8')
      .replaceAll('${DOMAIN}', 'meet.example.com')
      .replace('/etc/prometheus/alerts.yml', join(dir, 'alerts.yml'))
    writeFileSync(join(dir, 'prometheus.yml'), config)
    const result = promtool(['check', 'config', 'prometheus.yml'], dir)
    expect(result.stdout + result.stderr).toContain('SUCCESS')
    expect(result.status).toBe(0)
  })

  test("the dashboard and the alerts only read metrics that the runtime, LiveKit or the profile's exporters export", async () => {
    const known = new Set(['up', ...(await runtimeMetricNames()), ...livekitMetricNames, ...exporterMetricNames])
    const used = [...dashboard.panels.flatMap((p) => p.targets.map((t) => [p.title, t.expr])), ...rules.map((r) => [r.alert, r.expr])]
    const unknown = used.flatMap(([where, expr]) =>
      metricNames(expr)
        .filter((name) => !known.has(name))
        .map((name) => `${where}: ${name}`),
    )
    expect(unknown).toEqual([])
    // and it does show what the issue asks for
    const all = used.map(([, expr]) => expr).join('\n')
    for (const name of [
      'meet_active_meetings',
      'meet_live_participants',
      'meet_http_request_duration_seconds_bucket',
      'meet_http_requests_total',
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
      'meet_bucket_bytes',
    ]) {
      expect(all).toContain(name)
    }
  })

  test('each dashboard query is valid PromQL (promtool parses it inside a rule)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meet-dashboard-'))
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))
    writeFileSync(
      join(dir, 'queries.yml'),
      JSON.stringify({ groups: [{ name: 'dashboard', rules: exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) }] }),
    )
    const result = promtool(['check', 'rules', 'queries.yml'], dir)
    expect(result.stdout + result.stderr).toContain(`SUCCESS: ${exprs.length} rules found`)
  })

  test('the extractor finds metric names and nothing else', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le) (rate(meet_http_request_duration_seconds_bucket{route=~"/a.+"}[5m])))')).toEqual([
      'meet_http_request_duration_seconds_bucket',
    ])
    expect(metricNames('1 - node_filesystem_avail_bytes{fstype!~"tmpfs"} / node_filesystem_size_bytes > 0.80')).toEqual([
      'node_filesystem_avail_bytes',
      'node_filesystem_size_bytes',
    ])
  })
})
