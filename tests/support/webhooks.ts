import { createHash } from 'node:crypto'
import { AccessToken, WebhookEvent } from 'livekit-server-sdk'

/** What LiveKit sends: a JWT in Authorization whose sha256 claim is the body's hash. */
export async function signWebhook(body: string, key: string, secret: string): Promise<string> {
  const token = new AccessToken(key, secret)
  token.sha256 = createHash('sha256').update(body).digest('base64')
  return token.toJwt()
}

/** The JSON body LiveKit posts for an event. */
export const webhookBody = (event: Partial<WebhookEvent> & { event: string; id: string }) =>
  new WebhookEvent(event as never).toJsonString()

export async function postWebhook(baseUrl: string, body: string, authorization?: string) {
  const response = await fetch(`${baseUrl}/webhooks/livekit`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) },
    body,
  })
  return { status: response.status, body: await response.json() }
}
