import type { Room } from '@livekit/rtc-node'
import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  type RemoteTrack,
} from '@livekit/rtc-node'

const SAMPLE_RATE = 48_000
const FRAME_SAMPLES = 480 // 10 ms

export interface Tone {
  stop(): void
}

/** Publishes a 440 Hz tone as the participant's microphone, 10 ms frames for as long as it runs. */
export async function publishTone(room: Room): Promise<Tone> {
  const source = new AudioSource(SAMPLE_RATE, 1)
  const track = LocalAudioTrack.createAudioTrack('tone', source)
  await room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }))
  let running = true
  let sample = 0
  void (async () => {
    while (running) {
      const data = new Int16Array(FRAME_SAMPLES)
      for (let i = 0; i < FRAME_SAMPLES; i++, sample++) data[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * sample) / SAMPLE_RATE))
      await source.captureFrame(new AudioFrame(data, SAMPLE_RATE, 1, FRAME_SAMPLES)).catch(() => (running = false))
    }
  })()
  return { stop: () => (running = false) }
}

/**
 * Resolves once `room` has received audio from `fromIdentity` that is not silence: media really
 * crossed the server, not just a publication announced by signalling.
 */
export function heardFrom(room: Room, fromIdentity: string): Promise<void> {
  const listen = async (track: RemoteTrack) => {
    for await (const frame of new AudioStream(track, SAMPLE_RATE, 1)) {
      if (frame.data.some((value) => Math.abs(value) > 1000)) return
    }
    throw new Error(`audio from ${fromIdentity} ended before any sound`)
  }
  for (const participant of room.remoteParticipants.values()) {
    if (participant.identity !== fromIdentity) continue
    for (const publication of participant.trackPublications.values()) {
      if (publication.track?.kind === TrackKind.KIND_AUDIO) return listen(publication.track)
    }
  }
  return new Promise((resolve, reject) => {
    room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
      if (participant.identity === fromIdentity && track.kind === TrackKind.KIND_AUDIO) listen(track).then(resolve, reject)
    })
  })
}
