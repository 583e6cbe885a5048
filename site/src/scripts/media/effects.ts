import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client'
import { t } from '../../i18n/client.ts'
import { canProcessVideo, canSuppressNoise } from './support.ts'
import { loadPreferences, savePreferences } from '../preferences.ts'

/**
 * The background and noise-suppression choices (components/media/EffectsFields.astro), in pre-join
 * and in the room's settings, applied to a camera or microphone track. Loaded by
 * ../effects-on-demand.ts once an effect is on or a field is changed; the effects themselves
 * (background.ts, noise.ts) load only when one is on.
 */
const fields = () => ({
  background: [...document.querySelectorAll<HTMLSelectElement>('select[data-effect="background"]')],
  noise: [...document.querySelectorAll<HTMLInputElement>('input[data-effect="noise"]')],
})

function say(kind: 'background' | 'noise', text: string) {
  for (const status of document.querySelectorAll<HTMLElement>(`[data-effect-status="${kind}"]`)) {
    status.textContent = text
    status.hidden = !text
  }
}

// One change at a time per track: pre-join and the room's publish event may both apply at once.
const queues = new WeakMap<object, Promise<unknown>>()
function queued<T extends object>(track: T | undefined, apply: (track: T | undefined) => Promise<void>) {
  if (!track) return apply(track)
  const next = (queues.get(track) ?? Promise.resolve()).then(() => apply(track))
  queues.set(track, next)
  return next
}

/** Applies the remembered background to a camera track; on failure shows the camera as it is. */
export const applyBackground = (track: LocalVideoTrack | undefined) => queued(track, backgroundOn)

/** Applies the remembered noise suppression to a microphone track; on failure the browser's own filter stays. */
export const applyNoiseSuppression = (track: LocalAudioTrack | undefined) => queued(track, noiseOn)

async function backgroundOn(track: LocalVideoTrack | undefined) {
  const { background } = loadPreferences()
  if (!track) return
  if (background === 'none' && !track.getProcessor()) return
  try {
    const { setBackground } = await import('./background.ts')
    await setBackground(track, background)
    say('background', '')
  } catch (error) {
    console.warn('background effect failed', error)
    say('background', t('media.background.failed'))
    await track.stopProcessor().catch(() => undefined)
  }
}

async function noiseOn(track: LocalAudioTrack | undefined) {
  const { noiseSuppression } = loadPreferences()
  if (!track || !canSuppressNoise()) return
  if (!noiseSuppression && !track.getProcessor()) return
  try {
    const { setNoiseSuppression } = await import('./noise.ts')
    await setNoiseSuppression(track, noiseSuppression)
    say('noise', '')
  } catch (error) {
    console.warn('noise suppression failed', error)
    say('noise', t('media.noise.unsupported'))
    await track.stopProcessor().catch(() => undefined)
  }
}

/** Fills the fields from the remembered choices; where this browser cannot run an effect, says so. */
export function showEffectChoices() {
  const prefs = loadPreferences()
  const { background, noise } = fields()
  if (!canProcessVideo()) {
    for (const select of background) select.disabled = true
    say('background', t('media.background.unsupported'))
    if (prefs.background !== 'none') savePreferences({ background: 'none' })
  }
  if (!canSuppressNoise()) {
    for (const box of noise) box.disabled = true
    say('noise', t('media.noise.unsupported'))
  }
  const current = loadPreferences()
  for (const select of background) {
    select.value = current.background
    if (select.value !== current.background) select.value = 'none'
  }
  for (const box of noise) box.checked = current.noiseSuppression && canSuppressNoise()
}
