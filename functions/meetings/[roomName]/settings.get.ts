import { defineHandler } from 'h3'
import type { MeetingSettingsAnswer } from '#runtime'
import { asMember } from '../../_lib/room/access.ts'
import { settingsJson } from '../../_lib/room/settings.ts'

// Everyone in the meeting sees what is on (chat off, only hosts unmute), never the passcode.
export default defineHandler(async (event): Promise<MeetingSettingsAnswer> => {
  const { meeting } = await asMember(event)
  return { settings: settingsJson(meeting) }
})
