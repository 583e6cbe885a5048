import type { APIRoute } from 'astro'
import { callRuntime } from '../lib/call-runtime.ts'
import type { MeetingAnswer } from '../lib/types.ts'
import { homeWithError, redirectWithCookies } from '../lib/redirects.ts'
import { homeErrorFor } from '../lib/home-errors.ts'
import { isRoomName } from '../lib/room-name.ts'
import { payloadTooLarge, readLimitedText } from '../lib/request-body.ts'

// The form holds one optional name of at most 64 characters: a few KiB is plenty.
const FORM_LIMIT = 4096

// The home page's "Start meeting" form: create through the API, then go to the meeting.
export const POST: APIRoute = async ({ request, locals }) => {
  const text = await readLimitedText(request, FORM_LIMIT)
  if (text === undefined) return payloadTooLarge(FORM_LIMIT)
  const form = await new Response(text, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData().catch(() => new FormData())
  const roomName = String(form.get('roomName') ?? '')
    .trim()
    .toLowerCase()
  // Only the choice is sent: the key stays in the browser's fragment (scripts/home/encrypted-start.ts).
  const encrypted = form.get('encrypted') === 'on'
  // The API's own rule, checked here too, so only a valid name ever goes into a Location.
  if (roomName && !isRoomName(roomName)) return homeWithError('invalid-name', roomName)
  const headers = new Headers()
  const created = await callRuntime<MeetingAnswer>({ request, locals, response: { headers } }, '/meetings', {
    method: 'POST',
    body: { ...(roomName ? { roomName } : {}), ...(encrypted ? { encrypted } : {}) },
  })
  if (!created.ok) return homeWithError(homeErrorFor(created.status), roomName, headers)
  if (!isRoomName(created.body.meeting.roomName)) return homeWithError('failed', '', headers)
  return redirectWithCookies(`/rooms/${created.body.meeting.roomName}`, headers)
}
