import { Room } from 'livekit-client'
import { t } from '../i18n/client.ts'

/** Fills a device <select> with what the browser lists for its `data-kind`, keeping `selected` chosen. */
export async function fillDeviceSelect(select: HTMLSelectElement, selected: string) {
  const kind = select.dataset.kind as MediaDeviceKind
  const devices = await Room.getLocalDevices(kind, false).catch(() => [])
  const named = devices.filter((device) => device.deviceId)
  if (named.length === 0) return
  select.replaceChildren(
    ...named.map(
      (device, index) =>
        new Option(device.label || t('device.numbered', { device: t(labels[kind]), number: index + 1 }), device.deviceId, false, device.deviceId === selected),
    ),
  )
  select.disabled = false
}

const labels = { audioinput: 'device.microphone', videoinput: 'device.camera', audiooutput: 'device.speaker' } as const
