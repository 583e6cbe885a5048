import { AudioSource, LocalAudioTrack, LocalVideoTrack, Room, TrackPublishOptions, TrackSource, VideoCodec, VideoSource } from '@livekit/rtc-node'
import { AUDIO_FRAME_MS, SAMPLE_RATE, toneFrame, VIDEO, videoFrames } from './capacity-media.ts'

/** audio: a microphone with a tone; video: the same microphone plus a 160×90 camera at 15 fps. */
export type ParticipantKind = 'audio' | 'video'

export interface BenchParticipant {
  room: Room
  /** Sends every frame due `elapsedMs` after the shared clock started (catches up after a late timer). */
  sendDue(elapsedMs: number): void
  /** Remote tracks this participant receives media from. */
  subscribedTracks(): number
  leave(): Promise<void>
}

const TONE = toneFrame()
const FRAMES = videoFrames()
// At most this many frames per source in one catch-up: a stalled client sends late, not in a burst.
const MAX_CATCH_UP = 5

/** Joins `url` as a meeting participant: publishes, and subscribes to everyone else (autoSubscribe). */
export async function joinParticipant(url: string, token: string, kind: ParticipantKind): Promise<BenchParticipant> {
  const room = new Room()
  await room.connect(url, token, { autoSubscribe: true, dynacast: false })
  const microphone = new AudioSource(SAMPLE_RATE, 1)
  await room.localParticipant!.publishTrack(
    LocalAudioTrack.createAudioTrack('microphone', microphone),
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE, dtx: false }),
  )
  const camera = kind === 'video' ? new VideoSource(VIDEO.width, VIDEO.height) : undefined
  if (camera) {
    await room.localParticipant!.publishTrack(
      LocalVideoTrack.createVideoTrack('camera', camera),
      new TrackPublishOptions({
        source: TrackSource.SOURCE_CAMERA,
        simulcast: false,
        videoCodec: VideoCodec.VP8,
        videoEncoding: { maxBitrate: 150_000n, maxFramerate: VIDEO.fps },
      }),
    )
  }
  let audioSent = -1
  let videoSent = -1
  return {
    room,
    sendDue(elapsedMs) {
      if (audioSent < 0) audioSent = Math.floor(elapsedMs / AUDIO_FRAME_MS) - 1
      const audioDue = Math.floor(elapsedMs / AUDIO_FRAME_MS)
      for (let n = 0; audioSent < audioDue && n < MAX_CATCH_UP; n++, audioSent++) microphone.captureFrame(TONE).catch(() => {})
      audioSent = audioDue
      if (!camera) return
      const frameMs = 1000 / VIDEO.fps
      if (videoSent < 0) videoSent = Math.floor(elapsedMs / frameMs) - 1
      const videoDue = Math.floor(elapsedMs / frameMs)
      if (videoSent < videoDue) camera.captureFrame(FRAMES[videoDue % FRAMES.length], BigInt(Math.round(videoDue * frameMs * 1000)))
      videoSent = videoDue
    },
    subscribedTracks() {
      let tracks = 0
      for (const participant of room.remoteParticipants.values()) {
        for (const publication of participant.trackPublications.values()) if (publication.track) tracks++
      }
      return tracks
    },
    async leave() {
      await room.disconnect()
      await microphone.close()
      await camera?.close()
    },
  }
}
