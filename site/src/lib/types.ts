/** Shapes from docs/api.md that pages render. */
export interface Meeting {
  id: string
  roomName: string
  createdAt: string
  endedAt: string | null
  isHost: boolean
  role: 'owner' | 'host' | 'cohost' | 'guest'
}

export interface Session {
  identity: string | null
  displayName: string | null
}

export interface Account {
  id: string
  email: string
  displayName: string
  role: 'admin' | 'member'
}

/** GET /auth/me: who is signed in and how one signs in here. */
export interface Me {
  member: Account | null
  accessMode: 'members' | 'open'
  signIn: { password: boolean; oidc: { name: string } | null }
}

export interface PersonRow extends Account {
  state: 'active' | 'disabled'
  createdAt: string
  hasPassword: boolean
}

export type RecordingStatus = 'starting' | 'active' | 'ending' | 'complete' | 'failed'

export interface Recording {
  id: string
  roomName: string
  status: RecordingStatus
  startedAt: string
  completedAt: string | null
  fileSize: number | null
  durationSeconds: number | null
}

export interface Health {
  status: 'ok' | 'degraded' | 'down'
  version: string
  uptimeSeconds: number
  checks: Record<string, { status: string; latencyMs?: number; message?: string }>
}
