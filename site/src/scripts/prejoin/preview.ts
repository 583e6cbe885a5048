import { createLocalAudioTrack, createLocalVideoTrack, VideoPresets, type LocalAudioTrack, type LocalVideoTrack } from 'livekit-client'

/** The camera and microphone tracks shown before joining; the room publishes these same tracks. */
export interface Preview {
  audio?: LocalAudioTrack
  video?: LocalVideoTrack
}

export async function startVideo(deviceId: string, into: HTMLVideoElement): Promise<LocalVideoTrack> {
  const track = await createLocalVideoTrack({ deviceId: deviceId || undefined, resolution: VideoPresets.h720.resolution })
  track.attach(into)
  return track
}

export const startAudio = (deviceId: string): Promise<LocalAudioTrack> =>
  createLocalAudioTrack({ deviceId: deviceId || undefined, echoCancellation: true, noiseSuppression: true })

/** The device a running track actually uses, so the pickers show the truth. */
export const deviceOf = (track: { mediaStreamTrack: MediaStreamTrack } | undefined) => track?.mediaStreamTrack.getSettings().deviceId ?? ''
