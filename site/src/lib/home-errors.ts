/**
 * Why the home page was shown again. Only these codes travel in the URL (`/?error=taken&name=…`),
 * so a crafted link cannot put sentences of its own on the page.
 */
export type HomeError = 'taken' | 'not-a-name' | 'invalid-name' | 'sign-in' | 'rate-limited' | 'unreachable' | 'failed'

export function homeErrorMessage(code: string | null, name: string): string | undefined {
  const quoted = `“${name.slice(0, 80)}”`
  const messages: Record<HomeError, string> = {
    taken: `The name ${quoted} is already taken. Pick another or leave it empty.`,
    'not-a-name': `${quoted} is not a meeting name or link. Names use letters, digits and dashes, like abc-defg-hij.`,
    'invalid-name': `${quoted} cannot be a meeting name: use 3 to 64 letters, digits and dashes, starting and ending with a letter or digit.`,
    'sign-in': 'Sign in to start a meeting. Anyone can join a meeting with its link.',
    'rate-limited': 'Too many meetings started from here just now. Wait a minute and try again.',
    unreachable: 'The meeting server is not reachable right now. Try again in a moment.',
    failed: 'The meeting could not be started. Try again in a moment.',
  }
  return code && code in messages ? messages[code as HomeError] : undefined
}

/** The code for an API answer that did not create a meeting. */
export function homeErrorFor(status: number): HomeError {
  if (status === 409) return 'taken'
  if (status === 400) return 'invalid-name'
  if (status === 401) return 'sign-in'
  if (status === 429) return 'rate-limited'
  if (status === 0 || status === 503) return 'unreachable'
  return 'failed'
}
