import type { Translate } from '../i18n/translate.ts'

/**
 * Why the home page was shown again. Only these codes travel in the URL (`/?error=taken&name=…`),
 * so a crafted link cannot put sentences of its own on the page.
 */
export type HomeError = 'taken' | 'not-a-name' | 'invalid-name' | 'sign-in' | 'rate-limited' | 'unreachable' | 'failed'

const keys = {
  taken: 'home.error.taken',
  'not-a-name': 'home.error.notAName',
  'invalid-name': 'home.error.invalidName',
  'sign-in': 'home.error.signIn',
  'rate-limited': 'home.error.rateLimited',
  unreachable: 'home.error.unreachable',
  failed: 'home.error.failed',
} as const satisfies Record<HomeError, string>

/** The sentence for a code, in the visitor's language, with what they typed (cut to 80 characters). */
export function homeErrorMessage(code: string | null, name: string, t: Translate): string | undefined {
  return code && code in keys ? t(keys[code as HomeError], { name: name.slice(0, 80) }) : undefined
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
