import { api, describeError } from '../api.ts'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'
import { followHostRole } from './role.ts'
import { t } from '../../i18n/client.ts'

/** "End for all": closes the meeting for everyone after a confirmation. */
export function startHostControls(context: RoomContext) {
  const { roomName } = context
  const button = byId('end-meeting')
  followHostRole(context, (isHost) => (button.hidden = !isHost))
  button.addEventListener('click', async () => {
    if (!confirm(t('room.end.confirm'))) return
    try {
      await api(`/meetings/${roomName}/end`, {})
    } catch (error) {
      toast(describeError(error), { kind: 'error' })
    }
  })
}
