import { EncodedFileOutput, S3Upload } from 'livekit-server-sdk'
import { conflict, unavailable, useConfig, useLivekit } from '#runtime'

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
  try {
    return { info: await useLivekit().egress.startRoomCompositeEgress(roomName, { file: output }, { layout: 'grid' }), filepath }
  } catch (error) {
    // The runtime opens a meeting's room when it issues the first token: no room, nobody to record.
    if (/room does not exist/i.test((error as Error).message)) throw conflict('Nobody has joined the meeting yet: join it before recording')
    throw egressUnavailable(error as Error)
  }
}

export function egressUnavailable(error: Error & { status?: number; code?: string }) {
  return unavailable(`Recording is not available: LiveKit Egress did not accept the request (${error.message}). Is an Egress worker running and connected to the same Redis as LiveKit?`)
}
