import { defineHandler, readRawBody } from 'h3'
import type { WebhookEvent } from 'livekit-server-sdk'
import { unauthorized, useLivekit, useLogger, webhookLag, withTransaction, type FunctionMeta, type WebhookAnswer } from '#runtime'
import { findMeeting } from '../_lib/meetings.ts'
import { recordEvent } from '../_lib/webhook/record-event.ts'
import { requireEventFields } from '../_lib/webhook/require-fields.ts'
import { applyEvent, type LiveChange } from '../_lib/webhook/apply-event.ts'
import { addLive, clearLive, removeLive } from '../_lib/live-participants.ts'
import { closeRoom } from '../_lib/livekit-room.ts'

// Signed by LiveKit: no rate limit, so a burst of room events is never dropped. The body is read
// raw (LiveKit sends application/webhook+json) because the signature covers its exact bytes.
export const meta: FunctionMeta = { rateLimit: false, requestBody: 'any' }

export default defineHandler(async (event): Promise<WebhookAnswer> => {
  const body = (await readRawBody(event)) ?? ''
  let webhook: WebhookEvent
  try {
    webhook = await useLivekit().webhooks.receive(body, event.req.headers.get('authorization') ?? undefined)
  } catch (error) {
    // Why it failed (expired, wrong key, digest mismatch) helps an operator and a forger alike.
    useLogger().warn(`Webhook rejected: ${(error as Error).message}`)
    throw unauthorized('Webhook rejected: missing or invalid signature')
  }
  requireEventFields(webhook)
  const roomName = webhook.room?.name || webhook.egressInfo?.roomName
  const meeting = roomName ? await findMeeting(roomName) : undefined
  const change = await withTransaction(async (db) => {
    const analyticsId = await recordEvent(db, webhook, meeting?.id)
    if (!analyticsId || !meeting) return undefined
    return applyEvent(db, webhook, meeting.id, analyticsId)
  })
  if (change && roomName) await applyLiveChange(roomName, change)
  // LiveKit stamps events in whole seconds: the lag is known to about a second.
  if (webhook.createdAt) webhookLag.observe({ event: webhook.event }, Math.max(0, Date.now() / 1000 - Number(webhook.createdAt)))
  // Ended means ended: a room that came up again for an ended meeting (a race with "End for all",
  // a LiveKit that still creates rooms on join) is closed. A 503 here makes LiveKit's log show it.
  if (meeting?.ended_at && (webhook.event === 'room_started' || webhook.event === 'participant_joined')) {
    useLogger().warn(`Room of ended meeting "${meeting.room_name}" came up (${webhook.event}): closing it`)
    await closeRoom(meeting.room_name)
  }
  if (!meeting) useLogger().debug(`Webhook ${webhook.event} for unknown room "${roomName}" kept in analytics only`)
  return { ok: true }
})

function applyLiveChange(roomName: string, change: LiveChange) {
  if (change.kind === 'add') return addLive(roomName, change.sid, { identity: change.identity, name: change.name, joinedAt: change.joinedAt })
  if (change.kind === 'remove') return removeLive(roomName, change.sid)
  return clearLive(roomName)
}
