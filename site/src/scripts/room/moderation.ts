import { RoomEvent } from 'livekit-client'
import { api, describeError } from '../api.ts'
import { t } from '../../i18n/client.ts'
import { byId } from '../dom.ts'
import type { LobbyDecisionAnswer, LobbyList, MeetingSettings, MeetingSettingsAnswer, ModerationAnswer } from '../../lib/types.ts'
import type { RoomContext } from './context.ts'
import { onServerData } from './server-data.ts'
import { toast } from './toast.ts'
import { followHostRole } from './role.ts'

/** A short two-note chime for a knock (Web Audio: no sound file to load). */
function chime() {
  try {
    const context = new AudioContext()
    for (const [index, frequency] of [660, 880].entries()) {
      const tone = context.createOscillator()
      const gain = context.createGain()
      tone.frequency.value = frequency
      gain.gain.setValueAtTime(0.15, context.currentTime + index * 0.18)
      gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + index * 0.18 + 0.3)
      tone.connect(gain).connect(context.destination)
      tone.start(context.currentTime + index * 0.18)
      tone.stop(context.currentTime + index * 0.18 + 0.32)
    }
    setTimeout(() => void context.close(), 1000)
  } catch {
    // no audio output: the list and the announcement still tell
  }
}

/** Everyone: what the hosts switched on that concerns them ("only hosts can unmute"). */
export function startMeetingRules({ room, isHost }: RoomContext) {
  onServerData(room, 'meet.settings', (settings) => {
    if (!isHost && settings.onlyHostsUnmute) toast(t('room.onlyHostsUnmute'))
  })
}

/** Hosts: the lobby list (with a chime and an announcement for each knock) and the meeting's settings. */
export function startModeration(context: RoomContext) {
  let started = false
  followHostRole(context, (isHost) => {
    byId('host-tools').hidden = !isHost
    if (isHost && !started) hostTools(context)
    started ||= isHost
  })
}

function hostTools({ room, roomName }: RoomContext) {
  const base = `/meetings/${roomName}`
  byId('host-tools').hidden = false
  const section = byId('lobby-section')
  const list = byId('lobby-list')
  const inputs = {
    lobby: byId<HTMLInputElement>('setting-lobby'),
    locked: byId<HTMLInputElement>('setting-locked'),
    onlyHostsUnmute: byId<HTMLInputElement>('setting-unmute'),
    chatEnabled: byId<HTMLInputElement>('setting-chat'),
  }
  const passcode = byId<HTMLInputElement>('setting-passcode')
  const showSettings = (settings: MeetingSettings) => {
    for (const [key, input] of Object.entries(inputs)) input.checked = settings[key as keyof typeof inputs]
    passcode.placeholder = t(settings.hasPasscode ? 'people.passcode.set' : 'people.passcode.none')
  }
  const change = async (body: Record<string, unknown>) => {
    try {
      showSettings((await api<MeetingSettingsAnswer>(`${base}/settings`, body, 'PATCH')).settings)
    } catch (error) {
      toast(describeError(error), { kind: 'error' })
      await api<MeetingSettingsAnswer>(`${base}/settings`).then(
        ({ settings }) => showSettings(settings),
        () => undefined,
      )
    }
  }
  for (const [key, input] of Object.entries(inputs)) input.addEventListener('change', () => void change({ [key]: input.checked }))
  byId<HTMLFormElement>('passcode-form').addEventListener('submit', (event) => {
    event.preventDefault()
    void change({ passcode: passcode.value.trim() || null }).then(() => (passcode.value = ''))
  })
  byId('mute-all').addEventListener('click', async () => {
    const answer = await api<ModerationAnswer>(`${base}/mute-all`, {}).catch((error: unknown) => void toast(describeError(error), { kind: 'error' }))
    if (answer) toast(answer.affected ? t('people.muted', { count: answer.affected }) : t('people.nobodyToMute'))
  })
  void api<MeetingSettingsAnswer>(`${base}/settings`).then(
    ({ settings }) => showSettings(settings),
    () => undefined,
  )
  onServerData(room, 'meet.settings', showSettings)

  let known = new Set<string>()
  // One lobby notice at a time, replaced by the next knock and gone once nobody waits.
  let notice: HTMLElement | undefined
  const refresh = async (announce: boolean) => {
    const { requests } = await api<LobbyList>(`${base}/lobby`).catch(() => ({ requests: [] }))
    section.hidden = requests.length === 0
    if (!requests.length) notice?.remove()
    const fresh = requests.filter((r) => !known.has(r.identity))
    known = new Set(requests.map((r) => r.identity))
    list.replaceChildren(
      ...requests.map((request) => {
        const name = request.name || t('room.guest')
        const item = document.createElement('li')
        item.dataset.identity = request.identity
        const label = document.createElement('span')
        label.textContent = name
        const box = document.createElement('div')
        box.className = 'lobby-actions'
        for (const [decision, text, label] of [
          ['admit', t('people.admit'), t('people.admitName', { name })],
          ['deny', t('people.deny'), t('people.denyName', { name })],
        ] as const) {
          const button = document.createElement('button')
          button.type = 'button'
          button.textContent = text
          button.setAttribute('aria-label', label)
          button.addEventListener('click', async () => {
            await api<LobbyDecisionAnswer>(`${base}/lobby/${encodeURIComponent(request.identity)}`, { decision }, 'PUT').catch((error: unknown) =>
              toast(describeError(error), { kind: 'error' }),
            )
            void refresh(false)
          })
          box.append(button)
        }
        item.append(label, box)
        return item
      }),
    )
    if (announce && fresh.length) {
      chime()
      const names = new Intl.ListFormat(document.documentElement.lang, { type: 'conjunction' }).format(fresh.map((r) => r.name || t('people.aGuest')))
      byId('lobby-announcer').textContent = t('people.knocking', { names, count: fresh.length })
      notice?.remove()
      notice = toast(t('people.wantsToJoin', { names, count: fresh.length }), {
        action: t('people.show'),
        onAction: () => byId('toggle-people').getAttribute('aria-expanded') !== 'true' && byId('toggle-people').click(),
      })
    }
  }
  onServerData(room, 'meet.lobby', () => void refresh(true))
  room.on(RoomEvent.Reconnected, () => void refresh(true))
  void refresh(true)
}
