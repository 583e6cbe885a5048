import { api, ApiError } from '../api.ts'
import { byId } from '../dom.ts'
import { t } from '../../i18n/client.ts'
import type { AdmissionAnswer, ConnectionDetails } from '../../lib/types.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A token for this visitor, through the lobby when the meeting has one: the server refuses the
 * token with a reason (`details.reason`), and this waits in the lobby until a host decides. The
 * decision is the server's; a reload asks again and lands where the server says.
 */
export async function requestToken(roomName: string, participantName: string): Promise<ConnectionDetails> {
  const passcodeField = byId('passcode-field')
  const passcode = byId<HTMLInputElement>('passcode').value || undefined
  try {
    return await api<ConnectionDetails>('/token', { roomName, participantName, passcode })
  } catch (error) {
    const reason = error instanceof ApiError ? error.details.reason : undefined
    if (reason === 'passcode') {
      passcodeField.hidden = false
      byId('passcode').focus()
    }
    if (reason !== 'waiting') throw error
  }
  await api<AdmissionAnswer>(`/meetings/${roomName}/lobby`, { participantName, passcode })
  // The name stands out (and is findable) inside the translated sentence.
  const name = Object.assign(document.createElement('strong'), { id: 'lobby-name', textContent: participantName })
  const [before = '', after = ''] = t('lobby.status', { name: '\u0000' }).split('\u0000')
  byId('lobby-status').replaceChildren(before, name, after)
  byId('lobby-wait').hidden = false
  byId('lobby-title').focus()
  for (;;) {
    const { state } = await api<AdmissionAnswer>(`/meetings/${roomName}/admission`).catch(() => ({ state: 'waiting' as const }))
    if (state === 'admitted') break
    if (state === 'denied' || state === 'removed') {
      byId('lobby-title').textContent = t(state === 'denied' ? 'lobby.denied' : 'lobby.removed')
      byId('lobby-status').textContent = t('lobby.refused')
      throw new Error(byId('lobby-title').textContent)
    }
    await sleep(2000)
  }
  byId('lobby-wait').hidden = true
  return api<ConnectionDetails>('/token', { roomName, participantName })
}
