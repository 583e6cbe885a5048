// The API's answers and errors, written once. The runtime and every function are checked against
// these types (handlers declare them as their return type), and the site reads them with
// `import type`, so a field renamed on one side fails `npm run typecheck` on the other. Types only:
// nothing here runs, nothing here imports. docs/api.md describes the same shapes for people.

// --- Errors ------------------------------------------------------------------------------------

export type ErrorCode =
  | 'bad_request' | 'validation_failed' | 'unauthorized' | 'forbidden' | 'not_found' | 'method_not_allowed'
  | 'conflict' | 'payload_too_large' | 'unsupported_media_type' | 'rate_limited' | 'service_unavailable' | 'internal_error'

/** Every 4xx and 5xx answer. `details.field` names the bad field of a `validation_failed`. */
export interface ApiErrorBody {
  error: ErrorCode
  message: string
  details?: Record<string, unknown>
}

// --- Sessions ----------------------------------------------------------------------------------

/** `GET /session`, `PUT /session`: who the visitor is to the API. */
export interface Visitor {
  identity: string
  displayName: string | null
}

// --- Meetings ----------------------------------------------------------------------------------

export interface Meeting {
  id: string
  roomName: string
  createdAt: string
  endedAt: string | null
  isHost: boolean
}

/** `POST /meetings`, `GET /meetings/:roomName`, `POST /meetings/:roomName/end` */
export interface MeetingAnswer {
  meeting: Meeting
}

/** `GET /meetings` */
export interface MeetingList {
  meetings: Meeting[]
}

export interface Participant {
  identity: string
  name: string | null
  joinedAt: string
}

/** `GET /meetings/:roomName/participants` */
export interface Participants {
  live: Participant[]
  past: Array<Participant & { leftAt: string }>
}

/** `GET /meetings/:roomName/stats` */
export interface MeetingStats {
  participants: number
  durationSeconds: number
  recordings: number
  peakParticipants: number
}

// --- Token -------------------------------------------------------------------------------------

/** `POST /token`, `GET /token`: what the browser needs to join the LiveKit room. */
export interface ConnectionDetails {
  serverUrl: string
  roomName: string
  participantToken: string
  participantName: string
  identity: string
  isHost: boolean
}

// --- Recordings --------------------------------------------------------------------------------

export type RecordingStatus = 'starting' | 'active' | 'ending' | 'complete' | 'failed'

export interface Recording {
  id: string
  roomName: string
  egressId: string
  status: RecordingStatus
  storagePath: string
  startedAt: string
  completedAt: string | null
  fileSize: number | null
  durationSeconds: number | null
  error: string | null
}

/** `POST /recordings/start`, `POST /recordings/stop` */
export interface RecordingAnswer {
  recording: Recording
}

/** `GET /recordings?roomName=…` */
export interface RecordingList {
  recordings: Recording[]
}

/** `GET /recordings/:id` */
export interface RecordingDownload {
  recording: Recording
  downloadUrl: string | null
}

// --- Webhooks ----------------------------------------------------------------------------------

/** `POST /webhooks/livekit` */
export interface WebhookAnswer {
  ok: true
}

// --- Health ------------------------------------------------------------------------------------

/** The service as a whole: `down` (HTTP 503) when an essential dependency is down. */
export type HealthStatus = 'ok' | 'degraded' | 'down'

export type Dependency = 'database' | 'redis' | 'storage' | 'livekit'

export interface HealthCheck {
  status: 'ok' | 'down'
  latencyMs: number
  /** true: the service is down without it; false: it only degrades the service */
  essential: boolean
  /** why it is down, as a short fixed description (never a library's message) */
  message?: string
}

/** `GET /health` for everyone: the overall status only. */
export interface HealthSummary {
  status: HealthStatus
}

/** `GET /health` from the internal network or with the operator token: every dependency. */
export interface HealthReport extends HealthSummary {
  version: string
  uptimeSeconds: number
  /** when the probes behind this report ran (reports are shared for HEALTH_CACHE_SECONDS) */
  checkedAt: string
  checks: Record<Dependency, HealthCheck>
}

export type HealthAnswer = HealthSummary | HealthReport

/** `GET /health/live` */
export interface Liveness {
  status: 'ok'
}

/** `GET /health/ready` (503 with an ApiError when the database does not answer) */
export interface Readiness {
  status: 'ready'
}
