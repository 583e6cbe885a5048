import { api } from '../api.ts'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'
import { followHostRole } from './role.ts'

/** "End for all": closes the meeting for everyone after a confirmation. */
export function startHostControls(context: RoomContext) {
  const { roomName } = context
  const button = byId('end-meeting')
  followHostRole(context, (isHost) => (button.hidden = !isHost))
  button.addEventListener('click', async () => {
    if (!confirm('End the meeting for everyone? Nobody will be able to rejoin it.')) return
    try {
      await api(`/meetings/${roomName}/end`, {})
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error), { kind: 'error' })
    }
  })
}
