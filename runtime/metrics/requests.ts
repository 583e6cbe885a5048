import type { H3Event } from 'h3'
import { httpDuration, httpRequests } from './registry.ts'

type Series = { count: { inc(): void }; duration: { observe(value: number): void } }

// One labelled pair of series per route, method and status, looked up by a string key: prom-client
// would otherwise hash the label object on every request.
const seriesByKey = new Map<string, Series>()

// Labelled by the route pattern (`/recordings/:id`), never the raw path: one series per
// endpoint, however many ids are requested. Unmatched paths share one label.
export function countRequest(response: Response, event: H3Event): void {
  const route = (event.context.matchedRoute?.route as string | undefined) ?? '(unmatched)'
  const method = event.req.method
  const status = response.status
  const key = `${method} ${status} ${route}`
  let series = seriesByKey.get(key)
  if (!series) {
    const labels = { route, method, status: String(status) }
    series = { count: httpRequests.labels(labels), duration: httpDuration.labels(labels) }
    seriesByKey.set(key, series)
  }
  series.count.inc()
  series.duration.observe((performance.now() - (event.context.startedAt ?? performance.now())) / 1000)
}
