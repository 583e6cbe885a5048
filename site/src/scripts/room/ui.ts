import type { RoomContext } from './context.ts'
import { startAudio } from './audio.ts'
import { startChat } from './chat.ts'
import { startConnection } from './connection.ts'
import { startEffects } from './effects.ts'
import { startControls } from './controls.ts'
import { startGrid } from './grid.ts'
import { startHostControls } from './host.ts'
import { startHands } from './hands.ts'
import { startMeetingRules, startModeration } from './moderation.ts'
import { startReactions } from './reactions.ts'
import { startInvite } from './invite.ts'
import { startPanel } from './panel.ts'
import { startPeople } from './people.ts'
import { startRecording } from './recording.ts'
import { startSettings } from './settings.ts'
import { startShortcuts } from './shortcuts.ts'
import { startThemeChoice } from './theme.ts'

/** Every part of the room page, each reading the room's current state and then following its events. */
export function startRoomUi(context: RoomContext) {
  startGrid(context)
  startAudio(context)
  startControls(context)
  startSettings(context)
  startThemeChoice()
  startShortcuts()
  startPeople(context)
  startInvite(context)
  startRecording(context)
  startHostControls(context)
  startHands(context)
  startReactions(context)
  startModeration(context)
  startMeetingRules(context)
  startConnection(context)
  startEffects(context)
  const panel = startPanel((view) => view === 'chat' && openChat())
  const openChat = startChat(context, () => panel.isOpen('chat'))
}
