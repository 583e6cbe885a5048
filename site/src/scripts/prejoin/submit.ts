import { byId } from '../dom.ts'
import { savePreferences } from '../preferences.ts'
import { t } from '../../i18n/client.ts'
import { describeError } from '../api.ts'
import type { Preview } from './preview.ts'

/** Checks the name, then hands the preview tracks to the room. */
export async function submitJoin(meeting: HTMLElement, nameInput: HTMLInputElement, preview: Preview, beforeJoin: () => void) {
  const displayName = nameInput.value.trim()
  const nameError = byId('display-name-error')
  nameError.hidden = displayName.length > 0
  nameInput.setAttribute('aria-invalid', String(!displayName))
  if (!displayName) return nameInput.focus()
  savePreferences({ displayName })

  const button = byId<HTMLButtonElement>('join-button')
  const joinError = byId('join-error')
  button.disabled = true
  button.textContent = t('prejoin.joining')
  joinError.hidden = true
  try {
    const { joinRoom } = await import('../room/join.ts')
    beforeJoin()
    await joinRoom(meeting.dataset.room!, displayName, preview)
  } catch (error) {
    joinError.textContent = describeError(error)
    joinError.hidden = false
    button.disabled = false
    button.textContent = t('prejoin.join')
  }
}
