import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'
import { t } from '../../i18n/client.ts'

/** Copies the meeting's link; where the clipboard is refused, shows the link to copy by hand. */
export function startInvite({ roomName }: RoomContext) {
  const link = `${location.origin}/rooms/${roomName}`
  byId('copy-invite').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link)
      toast(t('room.invite.copied'))
    } catch {
      toast(t('room.invite.link', { link }))
    }
  })
}
