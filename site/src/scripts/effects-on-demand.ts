import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client'
import { loadPreferences, savePreferences } from './preferences.ts'

/**
 * All the meeting page carries of background effects and RNNoise before one is used: which tracks
 * are live, and when to load media/effects.ts: once an effect is on (RNNoise is by default, where it
 * runs), a new track needs it, or someone changes an effect field. `npm run bench:page-weight` checks
 * that nothing of media/ or e2ee/ is in the page's first load.
 */
export interface EffectTracks {
  video: () => LocalVideoTrack | undefined
  audio: () => LocalAudioTrack | undefined
}

let tracks: EffectTracks = { video: () => undefined, audio: () => undefined }
let effects: Promise<typeof import('./media/effects.ts')> | undefined
const loadEffects = () => (effects ??= import('./media/effects.ts'))

/** Remembers the choice a field shows; which effect it was, or undefined for any other element. */
function remember(field: EventTarget | null) {
  const kind = field instanceof HTMLElement ? field.dataset.effect : undefined
  if (field instanceof HTMLSelectElement && kind === 'background') savePreferences({ background: field.value })
  else if (field instanceof HTMLInputElement && kind === 'noise') savePreferences({ noiseSuppression: field.checked })
  else return undefined
  return kind
}

/** The option a select was rendered with: the one marked selected, else its first. */
const renderedValue = (select: HTMLSelectElement) => ([...select.options].find((option) => option.defaultSelected) ?? select.options[0])?.value

/** Fields and tracks follow the remembered choices; a change is remembered at once and applied once loaded. */
export function startEffectChoices(live: EffectTracks) {
  tracks = live
  const fields = () => document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-effect]')
  // A choice made before this script ran (on a slow connection) counts as made.
  for (const field of fields()) {
    if (field instanceof HTMLSelectElement ? field.value !== renderedValue(field) : field.checked !== field.defaultChecked) remember(field)
  }
  // The remembered choices show at once; where this browser cannot run one, effects.ts says so.
  const { background, noiseSuppression } = loadPreferences()
  for (const field of fields()) {
    if (field instanceof HTMLSelectElement) field.value = background
    else field.checked = noiseSuppression
  }
  if (background !== 'none' || noiseSuppression) void loadEffects().then((module) => module.showEffectChoices())
  // One listener for both copies of the fields (pre-join and the room's Devices dialog).
  document.addEventListener('change', ({ target }) => {
    const kind = remember(target)
    if (kind)
      void loadEffects().then((module) => {
        module.showEffectChoices()
        return kind === 'background' ? module.applyBackground(tracks.video()) : module.applyNoiseSuppression(tracks.audio())
      })
  })
}

/** Which tracks a change applies to: the preview's before joining, the published ones after. */
export const useEffectTracks = (live: EffectTracks) => void (tracks = live)

/**
 * A new camera or microphone track gets the remembered background or RNNoise when it is on. Not
 * awaited: the track shows and publishes at once, the effect joins it once loaded.
 */
export function applyEffect(track: LocalVideoTrack | LocalAudioTrack | undefined) {
  const { background, noiseSuppression } = loadPreferences()
  const video = track?.kind === 'video'
  if (track && ((video ? background !== 'none' : noiseSuppression) || track.getProcessor()))
    void loadEffects().then((module) => (video ? module.applyBackground(track as LocalVideoTrack) : module.applyNoiseSuppression(track as LocalAudioTrack)))
}
