import { RoomEvent, Track, type LocalAudioTrack, type LocalVideoTrack } from 'livekit-client'
import { applyEffect, useEffectTracks } from '../effects-on-demand.ts'
import type { RoomContext } from './context.ts'

/** In the room, effects follow the published camera and microphone, including ones started later. */
export function startEffects({ room }: RoomContext) {
  const camera = () => room.localParticipant.getTrackPublication(Track.Source.Camera)?.track as LocalVideoTrack | undefined
  const microphone = () => room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track as LocalAudioTrack | undefined
  useEffectTracks({ video: camera, audio: microphone })
  room.on(RoomEvent.LocalTrackPublished, (publication) => {
    if (publication.source === Track.Source.Camera || publication.source === Track.Source.Microphone)
      applyEffect(publication.track as LocalVideoTrack | LocalAudioTrack)
  })
}
