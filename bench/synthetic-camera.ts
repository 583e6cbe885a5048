import { LocalVideoTrack, Room, TrackPublishOptions, TrackSource, VideoBufferType, VideoFrame, VideoSource } from '@livekit/rtc-node'
import type { ApiClient } from '../native/api-client.ts'

/**
 * One synthetic camera in the room (rtc-node): a moving grey bar on 160×90, ten frames a second,
 * joined with a token from the runtime under `displayName`. Resolves with the function that leaves.
 */
export async function publishSyntheticCamera(
  client: ApiClient,
  roomName: string,
  displayName: string,
  { dynacast = false } = {},
): Promise<() => Promise<void>> {
  await client.put('/session', { displayName })
  const { body } = await client.post('/token', { roomName })
  const room = new Room()
  await room.connect(body.serverUrl, body.participantToken, { autoSubscribe: false, dynacast })
  const source = new VideoSource(160, 90)
  await room.localParticipant!.publishTrack(LocalVideoTrack.createVideoTrack('camera', source), new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }))
  const data = new Uint8Array(160 * 90 * 4)
  let frame = 0
  const timer = setInterval(() => {
    data.fill(40)
    const x = (frame++ * 4) % 160
    for (let y = 0; y < 90; y++) data.fill(220, (y * 160 + x) * 4, (y * 160 + Math.min(160, x + 16)) * 4)
    source.captureFrame(new VideoFrame(data, 160, 90, VideoBufferType.RGBA))
  }, 100)
  return async () => {
    clearInterval(timer)
    await room.disconnect()
  }
}
