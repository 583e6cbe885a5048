/**
 * Why the sign-in page was shown again. Only these codes travel in the URL, so a crafted link
 * cannot put sentences of its own on the page; the runtime's OpenID callback sends the oidc_* ones.
 */
const messages = {
  wrong: 'The email or password is not right.',
  disabled: 'This account is disabled. Ask an admin of this site.',
  'rate-limited': 'Too many attempts. Wait a little and try again.',
  unavailable: 'Signing in is not available right now. Try again in a moment.',
  failed: 'Signing in did not work. Try again in a moment.',
  oidc_expired: 'The sign-in took too long or was started in another browser. Start again.',
  oidc_refused: 'The sign-in provider’s answer could not be trusted, so you were not signed in. Start again.',
  oidc_not_allowed: 'Your account at the sign-in provider is not allowed to sign in here. Ask an admin of this site.',
  oidc_no_account: 'There is no account here for you yet. Ask an admin of this site.',
  oidc_disabled: 'This account is disabled. Ask an admin of this site.',
  oidc_unavailable: 'The sign-in provider is not reachable right now. Try again in a moment.',
} as const

export type SignInError = keyof typeof messages

export const signInErrorMessage = (code: string | null) => (code && code in messages ? messages[code as SignInError] : undefined)

export function signInErrorFor(status: number): SignInError {
  if (status === 400 || status === 401) return 'wrong'
  if (status === 403) return 'disabled'
  if (status === 429) return 'rate-limited'
  if (status === 0 || status === 503) return 'unavailable'
  return 'failed'
}

/** A path on this site to return to; anything else is the home page. */
export const safeReturnTo = (value: unknown) =>
  typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%~]*$/.test(value) && value.length <= 512 ? value : '/'
