import { RoomEvent } from 'livekit-client'
import { api, ApiError } from '../api.ts'
import type { RoomContext } from './context.ts'

// LiveKit creates no room on a join (the runtime opens it when it issues a token), so a media server
// that restarted has forgotten the room its participants are reconnecting to. While the connection is
// being restored, ask the API to open the room again: LiveKit's own retries then find it. An ended
// meeting answers 409 and stays closed.
const retryMs = [1_000, 2_000, 3_000, 5_000]

/** Keeps the meeting's room open on the server while this page reconnects to it. */
export function startReopen({ room, roomName }: RoomContext) {
  let attempt: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = () => {
    attempt = undefined
    clearTimeout(timer)
  }
  const reopen = async () => {
    if (attempt === undefined) return
    try {
      await api('/token', { roomName })
      return
    } catch (error) {
      // Ended, unknown or refused: nothing to reopen. Anything else (LiveKit still down): try again.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) return stop()
    }
    if (attempt === undefined) return
    timer = setTimeout(reopen, retryMs[Math.min(attempt++, retryMs.length - 1)])
  }
  const start = () => {
    if (attempt !== undefined) return
    attempt = 0
    void reopen()
  }
  room.on(RoomEvent.SignalReconnecting, start)
  room.on(RoomEvent.Reconnecting, start)
  room.on(RoomEvent.Reconnected, stop)
  room.on(RoomEvent.Disconnected, stop)
}
