import type { MeetingSettings } from '#runtime'
import type { ControlledMeeting } from './access.ts'

export const settingsJson = (m: ControlledMeeting): MeetingSettings => ({
  lobby: m.lobby,
  locked: m.locked,
  hasPasscode: m.passcode_hash !== null,
  chatEnabled: m.chat_enabled,
  onlyHostsUnmute: m.hosts_only_unmute,
})
