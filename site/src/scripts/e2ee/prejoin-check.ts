import { t } from '../../i18n/client.ts'
import { canEncryptMedia, keyFromFragment } from './fragment.ts'

/** Why this browser cannot join an encrypted meeting from this link, or undefined when it can. */
export function encryptionProblem(fragment: string): string | undefined {
  if (!keyFromFragment(fragment)) return t('media.e2ee.missingKey')
  if (!canEncryptMedia()) return t('media.e2ee.unsupported')
  return undefined
}
