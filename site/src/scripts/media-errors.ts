import { t } from '../i18n/client.ts'

/** What could not be started: one device, both (pre-join starts them together), the screen, or any device. */
export type MediaKind = 'camera' | 'microphone' | 'both' | 'screen' | 'device'

/** A sentence for a getUserMedia/getDisplayMedia failure that says what to do next. */
export function describeMediaError(error: unknown, what: MediaKind): string {
  const name = error instanceof Error ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return t(`device.error.blocked.${what}`)
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return t(`device.error.missing.${what}`)
  if (name === 'NotReadableError' || name === 'TrackStartError') return t(`device.error.busy.${what}`)
  return t(`device.error.other.${what}`)
}
