import { ConnectionState, RoomEvent } from 'livekit-client'
import { api, describeError } from '../api.ts'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'
import { followHostRole } from './role.ts'
import type { Recording, RecordingList } from '../../lib/types.ts'
import { t } from '../../i18n/client.ts'

// Hosts tell everyone right away; the poll covers late joiners and Egress finishing on its own.
const topic = 'meet.recording'
const pollMs = 5_000

/** The recording indicator everyone sees, and the host's start/stop button. */
export function startRecording(context: RoomContext) {
  const { room, roomName } = context
  const indicator = byId('recording-indicator')
  const button = byId<HTMLButtonElement>('toggle-recording')
  let running: Recording | undefined

  const show = () => {
    const on = Boolean(running) || room.isRecording
    indicator.hidden = !on
    button.setAttribute('aria-pressed', String(on))
    button.setAttribute('aria-label', t(on ? 'room.record.stopLabel' : 'room.record.startLabel'))
    button.querySelector('.text')!.textContent = t(on ? 'room.record.stop' : 'room.record')
  }
  const refresh = async () => {
    const { recordings } = await api<RecordingList>(`/recordings?roomName=${roomName}`).catch(() => ({ recordings: [] }))
    running = recordings.find((recording) => recording.status === 'starting' || recording.status === 'active')
    show()
  }
  const announce = () => room.localParticipant.publishData(new TextEncoder().encode('changed'), { topic, reliable: true })

  room.on(RoomEvent.RecordingStatusChanged, show)
  room.on(RoomEvent.DataReceived, (_payload, _participant, _kind, received) => void (received === topic && refresh()))
  // Polls only while connected: a lost connection may be rejoined in place (connection.ts).
  setInterval(() => room.state === ConnectionState.Connected && void refresh(), pollMs)
  void refresh()

  followHostRole(context, (isHost) => (button.hidden = !isHost))
  button.addEventListener('click', async () => {
    button.disabled = true
    button.querySelector('.text')!.textContent = t(running ? 'room.record.stopping' : 'room.record.starting')
    try {
      if (running) await api('/recordings/stop', { recordingId: running.id })
      else await api('/recordings/start', { roomName })
      toast(t(running ? 'room.record.stopped' : 'room.record.started'))
      await announce()
    } catch (error) {
      toast(describeError(error), { kind: 'error' })
    }
    button.disabled = false
    await refresh()
  })
}
