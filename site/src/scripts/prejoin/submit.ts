import { byId } from '../dom.ts'
import { savePreferences } from '../preferences.ts'
import { t } from '../../i18n/client.ts'
import { describeError } from '../api.ts'
import { requestToken } from '../room/admission.ts'
import type { Preview } from './preview.ts'

/** Checks the name, then hands the preview tracks to the room. */
export async function submitJoin(meeting: HTMLElement, nameInput: HTMLInputElement, preview: Preview, beforeJoin: () => void) {
  const displayName = nameInput.value.trim()
  const nameError = byId('display-name-error')
  nameError.hidden = displayName.length > 0
  nameInput.setAttribute('aria-invalid', String(!displayName))
  if (!displayName) return nameInput.focus()
  savePreferences({ displayName })
  performance.clearMarks('meet:join')
  performance.mark('meet:join')

  const button = byId<HTMLButtonElement>('join-button')
  const joinError = byId('join-error')
  button.disabled = true
  button.textContent = t('prejoin.joining')
  joinError.hidden = true
  try {
    // The token round trip starts now, beside the room's code (if that is still loading), not after it.
    const token = requestToken(meeting.dataset.room!, displayName)
    token.catch(() => undefined)
    const { joinRoom } = await import('../room/join.ts')
    beforeJoin()
    await joinRoom(meeting.dataset.room!, token, preview, meeting.dataset.encrypted === 'true')
  } catch (error) {
    joinError.textContent = describeError(error)
    joinError.hidden = false
    button.disabled = false
    button.textContent = t('prejoin.join')
  }
}
