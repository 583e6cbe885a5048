import { ConnectionQuality, Track, type Participant } from 'livekit-client'
import { initials } from '../dom.ts'
import { t } from '../../i18n/client.ts'

export type TileSource = 'camera' | 'screen'

const qualityText: Record<string, 'room.quality.excellent' | 'room.quality.good' | 'room.quality.poor' | 'room.quality.lost'> = {
  excellent: 'room.quality.excellent',
  good: 'room.quality.good',
  poor: 'room.quality.poor',
  lost: 'room.quality.lost',
}

/** A new, empty video tile from the page's <template>. */
export function createTile(key: string): HTMLElement {
  const template = document.getElementById('tile-template') as HTMLTemplateElement
  const tile = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement
  tile.dataset.key = key
  return tile
}

/** Brings a tile in line with its participant: video, name, mute, speaking, connection quality. */
export function updateTile(tile: HTMLElement, participant: Participant, source: TileSource, handPlace?: number) {
  const name = participant.name || participant.identity
  const label = source === 'screen' ? t('room.tile.screen', { name }) : participant.isLocal ? t('room.tile.you', { name }) : name
  const video = tile.querySelector('video')!
  const publication = participant.getTrackPublication(source === 'camera' ? Track.Source.Camera : Track.Source.ScreenShare)
  const track = publication && !publication.isMuted ? publication.track : undefined
  if (track && !track.attachedElements.includes(video)) track.attach(video)
  const microphone = participant.getTrackPublication(Track.Source.Microphone)
  const quality = participant.connectionQuality === ConnectionQuality.Unknown ? 'unknown' : participant.connectionQuality

  Object.assign(tile.dataset, {
    identity: participant.identity,
    source,
    local: String(participant.isLocal),
    camera: track ? 'on' : 'off',
    muted: String(!microphone || microphone.isMuted),
    speaking: String(source === 'camera' && participant.isSpeaking),
  })
  // The raised hand and its place in the queue, on the camera tile only.
  const hand = tile.querySelector<HTMLElement>('.hand')!
  const place = source === 'camera' ? handPlace : undefined
  tile.dataset.hand = place ? String(place) : ''
  hand.hidden = !place
  hand.querySelector('.place')!.textContent = place ? String(place) : ''
  tile.setAttribute('aria-label', place ? t('room.tile.hand', { label, place }) : label)
  tile.querySelector('.name')!.textContent = label
  tile.querySelector('.initials')!.textContent = initials(name)
  const indicator = tile.querySelector<HTMLElement>('.quality')!
  indicator.dataset.quality = quality
  const text = qualityText[quality]
  indicator.querySelector('.quality-text')!.textContent = text ? t(text) : ''
}
