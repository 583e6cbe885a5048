import type { H3Event } from 'h3'
import { refused, type ControlledMeeting } from './access.ts'
import { decideAdmission, findAdmission, requestAdmission, type AdmissionState } from './admission.ts'
import { checkPasscode } from './passcode.ts'
import { signalRoom } from './signal.ts'

export interface Knock {
  identity: string
  name: string
  passcode?: string
  /** true: ask to be let in (the lobby page); false: asking for a token, which needs admission first */
  knock: boolean
}

/**
 * Whether a guest (never a host: hosts skip all of this) may come in. Checked on every token and
 * every knock, in this order: a host's decision stands (admitted people come back after a reload
 * even while the meeting is locked; removed and denied people stay out), then the lock, the
 * passcode, and the lobby.
 */
export async function admitGuest(event: H3Event, meeting: ControlledMeeting, { identity, name, passcode, knock }: Knock): Promise<AdmissionState> {
  const current = await findAdmission(meeting.id, identity)
  if (current?.state === 'admitted') return 'admitted'
  if (current?.state === 'removed') throw refused('removed', 'A host removed you from this meeting')
  if (current?.state === 'denied') throw refused('denied', 'A host declined your request to join this meeting')
  if (meeting.locked) throw refused('locked', 'This meeting is locked: nobody new can join')
  await checkPasscode(event, meeting, passcode)
  if (!meeting.lobby) {
    await decideAdmission(meeting.id, identity, 'admitted', null, name)
    return 'admitted'
  }
  if (!knock) throw refused('waiting', 'A host has to let you in: wait in the lobby')
  const state = await requestAdmission(meeting.id, identity, name)
  // Hosts hear a knock at once; the list itself is read from the API (GET …/lobby).
  if (state === 'waiting' && current?.state !== 'waiting') await signalRoom(meeting.room_name, 'meet.lobby', { type: 'knock' })
  return state
}
