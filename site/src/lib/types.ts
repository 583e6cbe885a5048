/** Shapes from docs/api.md that pages render. */
export interface Meeting {
  id: string
  roomName: string
  createdAt: string
  endedAt: string | null
  isHost: boolean
}

export interface Session {
  identity: string
  displayName: string | null
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
