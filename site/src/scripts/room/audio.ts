import { RoomEvent, Track, type RemoteTrack } from 'livekit-client'
import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'
import { t } from '../../i18n/client.ts'

/** Plays remote microphones and screen audio through hidden <audio> elements. */
export function startAudio({ room }: RoomContext) {
  const sink = byId('audio-sink')
  const play = (track: RemoteTrack) => {
    if (track.kind === Track.Kind.Audio && track.attachedElements.length === 0) sink.append(track.attach())
  }
  room.on(RoomEvent.TrackSubscribed, play)
  room.on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((element) => element.remove()))
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.audioTrackPublications.values()) if (publication.track) play(publication.track)
  }
  // Browsers may hold audio back until a click; offer one.
  room.on(RoomEvent.AudioPlaybackStatusChanged, () => {
    if (!room.canPlaybackAudio) toast(t('room.audioPaused'), { action: t('room.playAudio'), onAction: () => void room.startAudio() })
  })
}
