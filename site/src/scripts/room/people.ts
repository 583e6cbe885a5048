import { RoomEvent, Track, type Participant } from 'livekit-client'
import { api, describeError } from '../api.ts'
import { t } from '../../i18n/client.ts'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { handOf, handOrder, setHand } from './hands.ts'
import { toast } from './toast.ts'

// The runtime sets the `role` attribute in tokens and when the owner changes it.
const roleKeys: Record<string, 'people.host' | 'people.cohost'> = { host: 'people.host', cohost: 'people.cohost' }
const roleLabel = (participant: Participant) => roleKeys[participant.attributes.role ?? '']
/** Hosts and co-hosts, as the server's `role` attribute says (browsers cannot change it). */
const isHostParticipant = (participant: Participant) => Boolean(roleLabel(participant))

/**
 * The people list and the count in the top bar. Raised hands come first, in the order they went up.
 * Hosts get named actions on each person; guests see the same list without them. Every action is
 * checked again by the server.
 */
export function startPeople({ room, roomName, role: myRole }: RoomContext) {
  const list = byId('people-list')
  const count = byId('participant-count')
  // The owner (or an admin) makes co-hosts here.
  const mayGrant = myRole === 'owner' || myRole === 'host'
  const setCohost = async (participant: Participant, cohost: boolean) => {
    try {
      await api(`/meetings/${roomName}/cohosts/${encodeURIComponent(participant.identity)}`, undefined, cohost ? 'PUT' : 'DELETE')
      toast(t(cohost ? 'people.nowCohost' : 'people.nowGuest', { name: participant.name || t('people.they') }))
    } catch (error) {
      toast(describeError(error), { kind: 'error' })
    }
  }
  const act = (path: string, body?: unknown) =>
    api(`/meetings/${roomName}${path}`, body ?? {}).catch((error: unknown) => toast(describeError(error), { kind: 'error' }))

  const actions = (participant: Participant, name: string) => {
    const box = document.createElement('div')
    box.className = 'person-actions'
    const button = (text: string, label: string, run: () => unknown, danger = false) => {
      const element = document.createElement('button')
      element.type = 'button'
      element.textContent = text
      element.setAttribute('aria-label', label)
      if (danger) element.className = 'danger'
      element.addEventListener('click', () => void run())
      box.append(element)
    }
    const identity = encodeURIComponent(participant.identity)
    if (handOf(participant)) button(t('people.lowerHand'), t('people.lowerHandOf', { name }), () => setHand(roomName, false, participant.identity))
    if (participant.isLocal) return box.childElementCount ? box : undefined
    const attribute = participant.attributes.role
    if (mayGrant && (attribute === 'guest' || attribute === 'cohost'))
      button(
        t(attribute === 'cohost' ? 'people.removeCohost' : 'people.makeCohost'),
        t(attribute === 'cohost' ? 'people.removeCohostOf' : 'people.makeCohostOf', { name }),
        () => setCohost(participant, attribute !== 'cohost'),
      )
    if (participant.isMicrophoneEnabled)
      button(t('people.mute'), t('people.muteOf', { name }), () => act(`/participants/${identity}/mute`, { source: 'microphone' }))
    if (participant.isCameraEnabled)
      button(t('people.stopCamera'), t('people.stopCameraOf', { name }), () => act(`/participants/${identity}/mute`, { source: 'camera' }))
    if (!isHostParticipant(participant))
      button(
        t('people.remove'),
        t('people.removeOf', { name }),
        () => confirm(t('people.removeConfirm', { name })) && act(`/participants/${identity}/remove`),
        true,
      )
    return box
  }

  const render = () => {
    const everyone = [room.localParticipant, ...room.remoteParticipants.values()]
    const hands = handOrder(room)
    count.textContent = everyone.length === 1 ? t('room.count.alone') : t('room.count', { count: everyone.length })
    everyone.sort((a, b) => (hands.get(a.identity) ?? Infinity) - (hands.get(b.identity) ?? Infinity))
    list.replaceChildren(
      ...everyone.map((participant) => {
        const item = document.createElement('li')
        item.dataset.identity = participant.identity
        const displayName = participant.name || t('room.guest')
        const name = document.createElement('span')
        name.textContent = displayName
        const role = document.createElement('span')
        role.className = 'role'
        const roleKey = roleLabel(participant)
        role.textContent = [participant.isLocal && t('people.you'), roleKey && t(roleKey)].filter(Boolean).join(', ')
        const place = hands.get(participant.identity)
        const hand = document.createElement('span')
        hand.className = 'hand'
        hand.hidden = !place
        if (place) {
          const icon = (byId<HTMLTemplateElement>('hand-icon').content.firstElementChild as Element).cloneNode(true)
          const label = document.createElement('span')
          label.className = 'place'
          label.textContent = String(place)
          hand.append(icon, label)
          hand.setAttribute('aria-label', t('people.handPlace', { place }))
        }
        const state = document.createElement('span')
        state.className = 'state'
        const microphone = participant.getTrackPublication(Track.Source.Microphone)
        state.textContent = t(participant.isMicrophoneEnabled ? 'people.micOn' : microphone ? 'people.micMuted' : 'people.noMic')
        item.append(hand, name, role, state)
        // The local role attribute is the live truth: a co-host made during the meeting gets actions at once.
        const tools = isHostParticipant(room.localParticipant) ? actions(participant, displayName) : undefined
        if (tools) item.append(tools)
        return item
      }),
    )
  }
  for (const event of [
    RoomEvent.ParticipantConnected,
    RoomEvent.ParticipantDisconnected,
    RoomEvent.ParticipantNameChanged,
    RoomEvent.ParticipantAttributesChanged,
    RoomEvent.TrackMuted,
    RoomEvent.TrackUnmuted,
    RoomEvent.TrackPublished,
    RoomEvent.TrackUnpublished,
    RoomEvent.LocalTrackPublished,
    RoomEvent.LocalTrackUnpublished,
  ])
    room.on(event, render)
  render()
}
