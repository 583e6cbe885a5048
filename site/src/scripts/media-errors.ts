/** A sentence a person can act on, for a getUserMedia / getDisplayMedia failure. */
export function describeMediaError(error: unknown, what = 'camera or microphone'): string {
  const name = error instanceof Error ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return `Your browser blocked the ${what}. You can still join; to be seen and heard, allow access in the site settings next to the address bar and reload.`
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError')
    return `No ${what} was found. Plug one in or pick another device.`
  if (name === 'NotReadableError' || name === 'TrackStartError')
    return `The ${what} is in use by another application. Close it and try again.`
  return `The ${what} could not be started${error instanceof Error && error.message ? `: ${error.message}` : '.'}`
}
