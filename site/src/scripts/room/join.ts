import { Room, Track, VideoPresets, type E2EEOptions, type LocalTrack } from 'livekit-client'
import { byId } from '../dom.ts'
import { t } from '../../i18n/client.ts'
import { loadPreferences } from '../preferences.ts'
import type { Preview } from '../prejoin/preview.ts'
import { startRoomUi } from './ui.ts'
import type { ConnectionDetails } from '../../lib/types.ts'
import { watchFirstRemoteFrame } from './join-timing.ts'
import { toast } from './toast.ts'

/** With the session's token (requested by pre-join), connects to LiveKit, shows the room, publishes the preview tracks. */
export async function joinRoom(roomName: string, tokenRequest: Promise<ConnectionDetails>, preview: Preview, encrypted: boolean) {
  // Only an encrypted meeting loads the encryption; its set-up (key derivation, worker) runs beside the token round trip.
  const e2ee = encrypted ? import('../e2ee/encryption.ts') : undefined
  const [token, encryption] = await Promise.all([tokenRequest, e2ee?.then(({ encryptionFor }) => encryptionFor(location.hash))])
  const prefs = loadPreferences()
  const room = new Room({
    adaptiveStream: true,
    dynacast: true,
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution, deviceId: prefs.videoinput || undefined },
    audioCaptureDefaults: { deviceId: prefs.audioinput || undefined, echoCancellation: true, noiseSuppression: true },
    audioOutput: prefs.audiooutput ? { deviceId: prefs.audiooutput } : undefined,
    ...(encryption ? { encryption: encryption satisfies E2EEOptions } : {}),
  })
  if (encryption) await room.setE2EEEnabled(true)
  const firstRemoteFrame = watchFirstRemoteFrame(room)
  try {
    await room.connect(token.serverUrl, token.participantToken)
  } catch (error) {
    throw new Error(t('prejoin.connectFailed', { reason: error instanceof Error ? error.message : String(error) }))
  }
  byId('prejoin').hidden = true
  byId('room').hidden = false
  // Listeners come after connecting: every module starts by reading the room's current state.
  const context = { room, roomName, isHost: token.isHost, role: token.role, encrypted }
  startRoomUi(context)
  void e2ee?.then(({ startEncryptionUi }) => startEncryptionUi(context))
  // Our microphone and camera go out once the first remote camera is painted (at most PUBLISH_WAIT_MS
  // later; at once when nobody shows video): encoding and negotiating them at the same moment held
  // back that first frame by 50 to 150 ms in bench:join. The controls and the grid follow
  // LocalTrackPublished; a device turned on by hand meanwhile is kept and the preview's track dropped.
  const othersShowVideo = [...room.remoteParticipants.values()].some((participant) => participant.videoTrackPublications.size > 0)
  const seenOthers = othersShowVideo ? Promise.race([firstRemoteFrame, new Promise((resolve) => setTimeout(resolve, PUBLISH_WAIT_MS))]) : undefined
  const publish = async (track: LocalTrack | undefined, source: Track.Source) => {
    if (!track) return
    if (room.localParticipant.getTrackPublication(source)) return track.stop()
    await room.localParticipant.publishTrack(track)
  }
  void Promise.resolve(seenOthers)
    .then(() => Promise.all([publish(preview.audio, Track.Source.Microphone), publish(preview.video, Track.Source.Camera)]))
    .catch((error) => toast(t('media.publishFailed', { reason: error instanceof Error ? error.message : String(error) }), { kind: 'error' }))
}

const PUBLISH_WAIT_MS = 1000
