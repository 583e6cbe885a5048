import { byId, initials } from '../dom.ts'
import { fillDeviceSelect } from '../devices.ts'
import { describeMediaError } from '../media-errors.ts'
import { loadPreferences, savePreferences } from '../preferences.ts'
import { deviceOf, startAudio, startVideo, type Preview } from './preview.ts'
import { showLevel } from './level.ts'
import { submitJoin } from './submit.ts'
import { applyEffect, startEffectChoices } from '../effects-on-demand.ts'

/** Pre-join: name, camera and microphone preview, device pickers; choices are remembered. */
export async function startPreJoin(meeting: HTMLElement) {
  const prefs = loadPreferences()
  const preview: Preview = {}
  const frame = byId('preview-video').parentElement!
  const nameInput = byId<HTMLInputElement>('display-name')
  const micButton = byId('preview-mic')
  const cameraButton = byId('preview-camera')
  const mediaError = byId('media-error')
  const selects = { audioinput: byId<HTMLSelectElement>('audio-device'), videoinput: byId<HTMLSelectElement>('video-device') }
  let stopLevel = () => {}

  // The server filled in the session's name; someone may already be typing over it.
  if (!nameInput.value) nameInput.value = prefs.displayName
  const showAvatar = () => (byId('preview-avatar').textContent = initials(nameInput.value))
  nameInput.addEventListener('input', showAvatar)
  showAvatar()

  // Camera and microphone start together; when both fail, say so in one sentence.
  const failed = new Set<'camera' | 'microphone'>()
  const fail = (error: unknown, what: 'camera' | 'microphone') => {
    failed.add(what)
    mediaError.textContent = describeMediaError(error, failed.size > 1 ? 'both' : what)
    mediaError.hidden = false
  }
  const setVideo = async (on: boolean) => {
    preview.video?.stop()
    preview.video = on
      ? await startVideo(selects.videoinput.value || prefs.videoinput, byId<HTMLVideoElement>('preview-video')).catch(
          (error) => (fail(error, 'camera'), undefined),
        )
      : undefined
    applyEffect(preview.video)
    cameraButton.setAttribute('aria-pressed', String(Boolean(preview.video)))
    frame.dataset.camera = preview.video ? 'on' : 'off'
    savePreferences({ videoEnabled: on })
  }
  const setAudio = async (on: boolean) => {
    stopLevel()
    preview.audio?.stop()
    preview.audio = on ? await startAudio(selects.audioinput.value || prefs.audioinput).catch((error) => (fail(error, 'microphone'), undefined)) : undefined
    applyEffect(preview.audio)
    micButton.setAttribute('aria-pressed', String(Boolean(preview.audio)))
    if (preview.audio) stopLevel = showLevel(preview.audio, byId<HTMLMeterElement>('preview-level'))
    savePreferences({ audioEnabled: on })
  }

  startEffectChoices({ video: () => preview.video, audio: () => preview.audio })
  micButton.addEventListener('click', () => void setAudio(!preview.audio))
  cameraButton.addEventListener('click', () => void setVideo(!preview.video))
  for (const [kind, select] of Object.entries(selects)) {
    select.addEventListener('change', () => {
      savePreferences({ [kind]: select.value })
      void (kind === 'audioinput' ? preview.audio && setAudio(true) : preview.video && setVideo(true))
    })
  }

  // Listen before the camera starts: people may press Join before the preview shows.
  byId<HTMLFormElement>('join-form').addEventListener('submit', (event) => {
    event.preventDefault()
    void submitJoin(meeting, nameInput, preview, () => stopLevel())
  })
  // An encrypted meeting opened without its key (or in a browser that cannot encrypt) says so here;
  // Join stays disabled until that is checked, and only an encrypted meeting loads the check.
  const joinButton = byId<HTMLButtonElement>('join-button')
  if (meeting.dataset.encrypted !== 'true') joinButton.disabled = false
  else
    void import('../e2ee/prejoin-check.ts').then(({ encryptionProblem }) => {
      const problem = encryptionProblem(location.hash)
      if (problem) Object.assign(byId('join-error'), { textContent: problem, hidden: false })
      joinButton.disabled = Boolean(problem)
    })
  // Fetch and compile the room's code while people type their name, not after they press Join.
  void import('../room/join.ts')
  await Promise.all([setVideo(prefs.videoEnabled), setAudio(prefs.audioEnabled)])
  // Labels are only listed once a permission was granted, so fill the pickers after starting.
  await fillDeviceSelect(selects.audioinput, deviceOf(preview.audio) || prefs.audioinput)
  await fillDeviceSelect(selects.videoinput, deviceOf(preview.video) || prefs.videoinput)
}
