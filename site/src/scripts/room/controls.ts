import { RoomEvent } from 'livekit-client'
import { byId } from '../dom.ts'
import { describeMediaError } from '../media-errors.ts'
import { savePreferences } from '../preferences.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'
import { t } from '../../i18n/client.ts'
import type { MediaKind } from '../media-errors.ts'

/** Microphone, camera and screen share buttons, kept in step with what is actually published. */
export function startControls({ room }: RoomContext) {
  const local = room.localParticipant
  const buttons = { mic: byId('toggle-mic'), camera: byId('toggle-camera'), screen: byId('toggle-screen') }
  const show = () => {
    buttons.mic.setAttribute('aria-pressed', String(local.isMicrophoneEnabled))
    buttons.mic.setAttribute('aria-label', t(local.isMicrophoneEnabled ? 'room.mic.mute' : 'room.mic.unmute'))
    buttons.camera.setAttribute('aria-pressed', String(local.isCameraEnabled))
    buttons.camera.setAttribute('aria-label', t(local.isCameraEnabled ? 'room.camera.off' : 'room.camera.on'))
    buttons.screen.setAttribute('aria-pressed', String(local.isScreenShareEnabled))
    buttons.screen.setAttribute('aria-label', t(local.isScreenShareEnabled ? 'room.share.stop' : 'room.share.start'))
  }
  const toggle = (what: MediaKind, change: () => Promise<unknown>) => async () => {
    try {
      await change()
    } catch (error) {
      toast(describeMediaError(error, what), { kind: 'error' })
    }
    show()
  }
  const mic = toggle('microphone', async () => {
    await local.setMicrophoneEnabled(!local.isMicrophoneEnabled)
    savePreferences({ audioEnabled: local.isMicrophoneEnabled })
  })
  const camera = toggle('camera', async () => {
    await local.setCameraEnabled(!local.isCameraEnabled)
    savePreferences({ videoEnabled: local.isCameraEnabled })
  })
  buttons.mic.addEventListener('click', mic)
  buttons.camera.addEventListener('click', camera)
  buttons.screen.addEventListener(
    'click',
    toggle('screen', () => local.setScreenShareEnabled(!local.isScreenShareEnabled, { audio: true })),
  )
  // Ctrl/Cmd+D and Ctrl/Cmd+E, the shortcuts people know from other meeting apps.
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return
    const key = event.key.toLowerCase()
    if (key === 'd') void mic()
    else if (key === 'e') void camera()
    else return
    event.preventDefault()
  })
  for (const event of [RoomEvent.LocalTrackPublished, RoomEvent.LocalTrackUnpublished, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted]) room.on(event, show)
  show()
  if (!navigator.mediaDevices?.getDisplayMedia) buttons.screen.hidden = true
}
