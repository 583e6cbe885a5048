/** What a person chose before joining, remembered on this device. */
export interface Preferences {
  displayName: string
  audioEnabled: boolean
  videoEnabled: boolean
  audioinput: string
  videoinput: string
  audiooutput: string
  /** camera background: 'none', 'blur', or 'image:<name>' from public/backgrounds/ */
  background: string
  /** RNNoise on the microphone (on by default; switched off where it cannot run) */
  noiseSuppression: boolean
}

const key = 'meet:preferences'
const defaults: Preferences = {
  displayName: '',
  audioEnabled: true,
  videoEnabled: true,
  audioinput: '',
  videoinput: '',
  audiooutput: '',
  background: 'none',
  noiseSuppression: true,
}

export function loadPreferences(): Preferences {
  try {
    return { ...defaults, ...JSON.parse(localStorage.getItem(key) ?? '{}') }
  } catch {
    return { ...defaults }
  }
}

export function savePreferences(change: Partial<Preferences>) {
  try {
    localStorage.setItem(key, JSON.stringify({ ...loadPreferences(), ...change }))
  } catch {
    // Private browsing can refuse storage; choices then last for this visit only.
  }
}
