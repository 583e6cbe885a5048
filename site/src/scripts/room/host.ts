import { api } from '../api.ts'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'
import { onHostRole } from './host-role.ts'

/** "End for all": closes the meeting for everyone after a confirmation. */
export function startHostControls(context: RoomContext) {
  onHostRole(context, () => endForAll(context.roomName))
}

function endForAll(roomName: string) {
  const button = byId('end-meeting')
  button.hidden = false
  button.addEventListener('click', async () => {
    if (!confirm('End the meeting for everyone? Nobody will be able to rejoin it.')) return
    try {
      await api(`/meetings/${roomName}/end`, {})
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error), { kind: 'error' })
    }
  })
}
