import { RoomEvent } from 'livekit-client'
import { byId } from '../dom.ts'
import { fillDeviceSelect } from '../devices.ts'
import { describeMediaError } from '../media-errors.ts'
import { savePreferences } from '../preferences.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'

/** The Devices dialog: switch microphone, camera and speaker without leaving. */
export function startSettings({ room }: RoomContext) {
  const dialog = byId<HTMLDialogElement>('settings-dialog')
  // Device pickers only: the dialog also holds the background picker (media/effects.ts).
  const selects = [...dialog.querySelectorAll<HTMLSelectElement>('select[data-kind]')]
  const fill = () => Promise.all(selects.map((select) => fillDeviceSelect(select, room.getActiveDevice(select.dataset.kind as MediaDeviceKind) ?? '')))

  byId('open-settings').addEventListener('click', async () => {
    await fill()
    dialog.showModal()
  })
  for (const select of selects) {
    select.addEventListener('change', async () => {
      const kind = select.dataset.kind as MediaDeviceKind
      try {
        await room.switchActiveDevice(kind, select.value)
        savePreferences({ [kind]: select.value })
      } catch (error) {
        toast(describeMediaError(error, kind === 'videoinput' ? 'camera' : 'device'), { kind: 'error' })
      }
    })
  }
  room.on(RoomEvent.MediaDevicesChanged, () => void (dialog.open && fill()))
  // Setting the speaker is a Chrome/Edge feature; elsewhere the picker would do nothing.
  if (!('setSinkId' in HTMLMediaElement.prototype)) byId('room-audiooutput').closest('.field')!.setAttribute('hidden', '')
}
