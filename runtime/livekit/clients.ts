import { RoomServiceClient, EgressClient, ServerError, WebhookReceiver } from 'livekit-server-sdk'
import type { Config } from '../config/load.ts'
import { sendOver, twirpOverHttp } from './twirp-transport.ts'

export interface Livekit {
  rooms: RoomServiceClient
  egress: EgressClient
  webhooks: WebhookReceiver
  apiKey: string
  apiSecret: string
  /** what browsers connect to */
  publicUrl: string
}

/** LiveKit's answer for a room, participant or egress it does not know: Twirp's `not_found` code. */
export const isLivekitNotFound = (error: unknown): boolean => error instanceof ServerError && error.code === 'not_found'

// The server SDK speaks HTTP (Twirp); a ws:// URL in the config means the same host.
const toHttp = (url: string) => url.replace(/^ws(s?):\/\//, 'http$1://')

export function createLivekit(config: Config): Livekit {
  const host = toHttp(config.LIVEKIT_URL)
  const { LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = config
  // LiveKit Cloud keeps the SDK's own transport, which fails over between its regions.
  const transport = new URL(host).hostname.endsWith('.livekit.cloud') ? undefined : twirpOverHttp(host)
  const client = <Client extends object>(made: Client) => (transport ? sendOver(made, transport) : made)
  return {
    rooms: client(new RoomServiceClient(host, apiKey, apiSecret)),
    egress: client(new EgressClient(host, apiKey, apiSecret)),
    webhooks: new WebhookReceiver(apiKey, apiSecret),
    apiKey,
    apiSecret,
    publicUrl: (config.LIVEKIT_PUBLIC_URL ?? config.LIVEKIT_URL).replace(/^http(s?):\/\//, 'ws$1://'),
  }
}
