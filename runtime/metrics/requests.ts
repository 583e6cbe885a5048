import type { H3Event } from 'h3'
import { httpDuration, httpRequests } from './registry.ts'

// Labelled by the route pattern (`/recordings/:id`), never the raw path: one series per
// endpoint, however many ids are requested. Unmatched paths share one label.
export function countRequest(response: Response, event: H3Event): void {
  const route = (event.context.matchedRoute?.route as string | undefined) ?? '(unmatched)'
  const labels = { route, method: event.req.method, status: String(response.status) }
  httpRequests.inc(labels)
  httpDuration.observe(labels, (performance.now() - (event.context.startedAt ?? performance.now())) / 1000)
}
