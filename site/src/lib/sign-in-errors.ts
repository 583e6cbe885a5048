import type { Translate } from '../i18n/translate.ts'

/**
 * Why the sign-in page was shown again. Only these codes travel in the URL, so a crafted link
 * cannot put sentences of its own on the page; the runtime's OpenID callback sends the oidc_* ones.
 */
const keys = {
  wrong: 'signIn.error.wrong',
  disabled: 'signIn.error.disabled',
  'rate-limited': 'signIn.error.rateLimited',
  unavailable: 'signIn.error.unavailable',
  failed: 'signIn.error.failed',
  oidc_expired: 'signIn.error.oidcExpired',
  oidc_refused: 'signIn.error.oidcRefused',
  oidc_not_allowed: 'signIn.error.oidcNotAllowed',
  oidc_no_account: 'signIn.error.oidcNoAccount',
  oidc_disabled: 'signIn.error.disabled',
  oidc_unavailable: 'signIn.error.oidcUnavailable',
} as const

export type SignInError = keyof typeof keys

export const signInErrorMessage = (code: string | null, t: Translate) => (code && code in keys ? t(keys[code as SignInError]) : undefined)

export function signInErrorFor(status: number): SignInError {
  if (status === 400 || status === 401) return 'wrong'
  if (status === 403) return 'disabled'
  if (status === 429) return 'rate-limited'
  if (status === 0 || status === 503) return 'unavailable'
  return 'failed'
}

/** A path on this site to return to; anything else is the home page. */
export const safeReturnTo = (value: unknown) => (typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%~]*$/.test(value) && value.length <= 512 ? value : '/')
