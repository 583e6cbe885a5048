import { Room, VideoPresets } from 'livekit-client'
import { byId } from '../dom.ts'
import { t } from '../../i18n/client.ts'
import { loadPreferences } from '../preferences.ts'
import type { Preview } from '../prejoin/preview.ts'
import { startRoomUi } from './ui.ts'
import { requestToken } from './admission.ts'

/** Gets a token for the session, connects to LiveKit, publishes the preview tracks, shows the room. */
export async function joinRoom(roomName: string, displayName: string, preview: Preview) {
  const token = await requestToken(roomName, displayName)
  const prefs = loadPreferences()
  const room = new Room({
    adaptiveStream: true,
    dynacast: true,
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution, deviceId: prefs.videoinput || undefined },
    audioCaptureDefaults: { deviceId: prefs.audioinput || undefined, echoCancellation: true, noiseSuppression: true },
    audioOutput: prefs.audiooutput ? { deviceId: prefs.audiooutput } : undefined,
  })
  try {
    await room.connect(token.serverUrl, token.participantToken)
  } catch (error) {
    throw new Error(t('prejoin.connectFailed', { reason: error instanceof Error ? error.message : String(error) }))
  }
  await Promise.all([preview.video, preview.audio].filter((track) => track !== undefined).map((track) => room.localParticipant.publishTrack(track)))
  byId('prejoin').hidden = true
  byId('room').hidden = false
  // Listeners come after connecting: every module starts by reading the room's current state.
  startRoomUi({ room, roomName, isHost: token.isHost, role: token.role })
}
