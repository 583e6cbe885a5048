import { createHash } from 'node:crypto'
import { AccessToken } from 'livekit-server-sdk'

/** What LiveKit sends: a JWT in Authorization whose sha256 claim is the body's hash. */
export async function signWebhook(body: string, key: string, secret: string): Promise<string> {
  const token = new AccessToken(key, secret)
  token.sha256 = createHash('sha256').update(body).digest('base64')
  return token.toJwt()
}

/** The JSON body LiveKit posts for an event: protobuf JSON, 64-bit numbers as strings. */
export const webhookBody = (event: { event: string; id: string; createdAt: number } & Record<string, unknown>) =>
  JSON.stringify(event, (_, value) => (typeof value === 'bigint' ? String(value) : value))

export async function postWebhook(baseUrl: string, body: string, authorization?: string) {
  const response = await fetch(`${baseUrl}/webhooks/livekit`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) },
    body,
  })
  return { status: response.status, body: await response.json() }
}
