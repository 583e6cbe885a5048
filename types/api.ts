// The API's answers and errors, written once. The runtime and every function are checked against
// these types (handlers declare them as their return type), and the site reads them with
// `import type`, so a field renamed on one side fails `npm run typecheck` on the other. Types only:
// nothing here runs, nothing here imports. docs/api.md describes the same shapes for people.

// --- Errors ------------------------------------------------------------------------------------

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error'

/** Every 4xx and 5xx answer. `details.field` names the bad field of a `validation_failed`. */
export interface ApiErrorBody {
  error: ErrorCode
  message: string
  details?: Record<string, unknown>
}

// --- Sessions ----------------------------------------------------------------------------------

/**
 * `GET /session` (writes nothing: `identity` is null before the visitor has a session) and
 * `PUT /session` (creates it): who the visitor is to the API.
 */
export interface Visitor {
  identity: string | null
  displayName: string | null
  /** `GET /session` only: the signed-in member */
  member?: Account | null
}

// --- Accounts ----------------------------------------------------------------------------------

export type MemberRole = 'admin' | 'member'

export interface Account {
  id: string
  email: string
  displayName: string
  role: MemberRole
}

/** `GET /auth/me`: who is signed in and how one signs in here. */
export interface Me {
  member: Account | null
  accessMode: 'members' | 'open'
  signIn: { password: true; oidc: { name: string } | null }
}

/** `POST /auth/password`, `POST /auth/invite` */
export interface SignedIn {
  member: Account
}

/** `POST /auth/logout` */
export interface SignedOut {
  signedOut: true
}

/** A row of `GET /members` (admins only). */
export interface PersonRow extends Account {
  state: 'active' | 'disabled'
  createdAt: string
  hasPassword: boolean
}

/** `GET /members` */
export interface PeopleList {
  members: PersonRow[]
}

/** `POST /members`: the new password account and the link its person sets the password at. */
export interface Invitation {
  member: Account
  invite: { url: string; expiresAt: string }
}

/** `PATCH /members/:id` */
export interface PersonAnswer {
  member: Account & { state: 'active' | 'disabled' }
}

// --- Meetings ----------------------------------------------------------------------------------

export interface Meeting {
  id: string
  roomName: string
  createdAt: string
  endedAt: string | null
  /** end-to-end encrypted: the key is in the invite link's fragment, never on the server */
  encrypted: boolean
  /** true for the owner, admins and co-hosts */
  isHost: boolean
  role: MeetingRole
}

/** owner: created it; host: an admin; cohost: trusted by the owner for this meeting; guest: the rest */
export type MeetingRole = 'owner' | 'host' | 'cohost' | 'guest'

/** `PUT|DELETE /meetings/:roomName/cohosts/:identity` */
export interface CohostAnswer {
  identity: string
  role: 'cohost' | 'guest'
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
  role: MeetingRole
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
  /** shared by the owner with everyone who joined; otherwise only hosts see it */
  shared: boolean
}

/** `POST /recordings/start`, `POST /recordings/stop` */
export interface RecordingAnswer {
  recording: Recording
}

/** A recording in the list, with what the recordings page shows for it. */
export interface ListedRecording extends Recording {
  /** presigned, valid for an hour: a complete recording's file; null while there is none or storage is unreachable */
  downloadUrl: string | null
}

/** `GET /recordings?roomName=…` */
export interface RecordingList {
  recordings: ListedRecording[]
  /**
   * For hosts: what the whole bucket holds (recordings of every meeting, backups) against its budget
   * (STORAGE_BUDGET_GB; null when none is set). Absent for others, or while the bucket cannot be listed.
   */
  storage?: StorageUse
}

export interface StorageUse {
  usedBytes: number
  budgetBytes: number | null
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

/** Probed on every instance. */
export type CoreDependency = 'database' | 'redis' | 'storage' | 'livekit'
/** Probed where configured: egress when recording is (EGRESS_HEALTH_URL), site when the site's address is known (SITE_HEALTH_URL). */
export type OptionalDependency = 'egress' | 'site'
export type Dependency = CoreDependency | OptionalDependency

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
  checks: Record<CoreDependency, HealthCheck> & Partial<Record<OptionalDependency, HealthCheck>>
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

// --- In the meeting: settings, lobby, chat, moderation, hands -----------------------------------

/** What the hosts control. The passcode itself never leaves the server. */
export interface MeetingSettings {
  lobby: boolean
  locked: boolean
  hasPasscode: boolean
  chatEnabled: boolean
  onlyHostsUnmute: boolean
}

/** `GET /meetings/:roomName/settings`, `PATCH /meetings/:roomName/settings` */
export interface MeetingSettingsAnswer {
  settings: MeetingSettings
}

/** Where a guest stands: `none` until they ask, then one of the others. */
export type AdmissionState = 'none' | 'waiting' | 'admitted' | 'denied' | 'removed'

/** `POST /meetings/:roomName/lobby`, `GET /meetings/:roomName/admission` */
export interface AdmissionAnswer {
  state: AdmissionState
}

export interface LobbyRequest {
  identity: string
  name: string | null
  requestedAt: string
}

/** `GET /meetings/:roomName/lobby` (hosts): who waits, first come first. */
export interface LobbyList {
  requests: LobbyRequest[]
}

/** `PUT /meetings/:roomName/lobby/:identity` */
export interface LobbyDecisionAnswer {
  identity: string
  state: 'admitted' | 'denied'
}

export interface ChatMessage {
  id: string
  from: { identity: string; name: string | null }
  /** plain text: show it with textContent, never as HTML */
  text: string
  sentAt: string
}

/** `GET /meetings/:roomName/chat` */
export interface ChatHistory {
  enabled: boolean
  messages: ChatMessage[]
}

/** `POST /meetings/:roomName/chat` */
export interface ChatAnswer {
  message: ChatMessage
}

/** `POST …/participants/:identity/mute`, `POST …/mute-all`, `POST …/participants/:identity/remove` */
export interface ModerationAnswer {
  /** how many tracks were muted, or people removed */
  affected: number
}

/** `POST /meetings/:roomName/hand` */
export interface HandAnswer {
  identity: string
  raisedAt: string | null
}

// --- Room messages -----------------------------------------------------------------------------

/**
 * What the server sends into a meeting's room, by data topic: `signalRoom` sends these, the room
 * page's `onServerData` reads them (browsers take them from the server only, never from a participant).
 */
export interface ServerMessages {
  'meet.chat': ChatMessage
  'meet.settings': MeetingSettings
  /** someone knocked, or a host decided: hosts read the lobby again */
  'meet.lobby': { type: 'knock' | 'decided' }
}

export type ServerTopic = keyof ServerMessages
