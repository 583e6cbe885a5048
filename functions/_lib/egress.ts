import { HTTPError } from 'h3'
import { EncodedFileOutput, S3Upload } from 'livekit-server-sdk'
import { conflict, isLivekitNotFound, unavailable, useConfig, useLivekit } from '#runtime'

// Room composite to the recordings bucket. Egress uploads itself, so it gets the S3 settings too;
// path-style addressing is what MiniStack, LocalStack and Oracle's S3 API need.
export async function startRoomRecording(roomName: string) {
  const config = useConfig()
  const filepath = `recordings/${roomName}/{time}.mp4`
  const output = new EncodedFileOutput({
    filepath,
    output: {
      case: 's3',
      value: new S3Upload({
        accessKey: config.S3_ACCESS_KEY,
        secret: config.S3_SECRET_KEY,
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT ?? '',
        bucket: config.S3_BUCKET,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      }),
    },
  })
  const livekit = useLivekit()
  try {
    // The runtime opens a meeting's room when it issues a token, so a room may exist with nobody in it.
    // (A room's participant count lags behind joins; its participant list does not.)
    if (!(await livekit.rooms.listParticipants(roomName)).length) throw nobodyJoined()
    return { info: await livekit.egress.startRoomCompositeEgress(roomName, { file: output }, { layout: 'grid' }), filepath }
  } catch (error) {
    if (error instanceof HTTPError) throw error
    if (isLivekitNotFound(error)) throw nobodyJoined()
    throw egressUnavailable(error as Error)
  }
}

/** Asks Egress to stop; `gone` when Egress no longer knows the recording (it will never report on it). */
export async function stopEgress(egressId: string): Promise<{ gone: boolean }> {
  return useLivekit()
    .egress.stopEgress(egressId)
    .then(
      () => ({ gone: false }),
      (error: Error) => {
        if (isLivekitNotFound(error)) return { gone: true }
        throw egressUnavailable(error)
      },
    )
}

const nobodyJoined = () => conflict('Nobody has joined the meeting yet: join it before recording')

function egressUnavailable(error: Error) {
  return unavailable(
    `Recording is not available: LiveKit Egress did not accept the request (${error.message}). Is an Egress worker running and connected to the same Redis as LiveKit?`,
  )
}
