import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

// One registry per process: the series below are updated where things happen (requests, rate
// limits, webhooks); the gauges about stored state are read when Prometheus scrapes
// (see collect.ts). Names follow Prometheus conventions: units in the name, counters in _total.
export const registry = new Registry()
collectDefaultMetrics({ register: registry })

export const httpRequests = new Counter({
  name: 'meet_http_requests_total',
  help: 'API requests answered, by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
})

export const httpDuration = new Histogram({
  name: 'meet_http_request_duration_seconds',
  help: 'Time to answer an API request, by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

export const rateLimitRefusals = new Counter({
  name: 'meet_rate_limit_refusals_total',
  help: 'Requests refused with 429, by rate-limit tier',
  labelNames: ['tier'] as const,
  registers: [registry],
})

export const webhookLag = new Histogram({
  name: 'meet_webhook_lag_seconds',
  help: 'Time from LiveKit creating a webhook event to the runtime having processed it, by event',
  labelNames: ['event'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
})

export const dependencyUp = new Gauge({
  name: 'meet_dependency_up',
  help: '1 while a dependency answers its health probe, else 0',
  labelNames: ['dependency'] as const,
  registers: [registry],
})
export const dependencyLatency = new Gauge({
  name: 'meet_dependency_latency_seconds',
  help: 'Round trip of the last health probe of a dependency',
  labelNames: ['dependency'] as const,
  registers: [registry],
})
export const recordingsByStatus = new Gauge({
  name: 'meet_recordings',
  help: 'Recordings stored in the database, by status',
  labelNames: ['status'] as const,
  registers: [registry],
})
export const liveParticipants = new Gauge({
  name: 'meet_live_participants',
  help: 'Participants in a meeting right now (joined, not yet left)',
  registers: [registry],
})
export const activeMeetings = new Gauge({ name: 'meet_active_meetings', help: 'Meetings not yet ended', registers: [registry] })
export const bucketBytes = new Gauge({
  name: 'meet_bucket_bytes',
  help: 'Bytes stored in the bucket, by top-level prefix (recordings, backups)',
  labelNames: ['prefix'] as const,
  registers: [registry],
})
export const bucketObjects = new Gauge({
  name: 'meet_bucket_objects',
  help: 'Objects stored in the bucket, by top-level prefix',
  labelNames: ['prefix'] as const,
  registers: [registry],
})
export const backupLastSuccess = new Gauge({
  name: 'meet_backup_last_success_timestamp_seconds',
  help: 'When the newest database backup in the bucket was taken (Unix time); 0 when there is none',
  registers: [registry],
})
