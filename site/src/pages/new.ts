import type { APIRoute } from 'astro'
import { callRuntime } from '../lib/call-runtime.ts'
import type { MeetingAnswer } from '../lib/types.ts'
import { homeWithError, redirectWithCookies } from '../lib/redirects.ts'
import { homeErrorFor } from '../lib/home-errors.ts'

// The home page's "Start meeting" form: create through the API, then go to the meeting.
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const form = await request.formData()
  const roomName = String(form.get('roomName') ?? '').trim().toLowerCase()
  const headers = new Headers()
  const created = await callRuntime<MeetingAnswer>({ request, clientAddress, response: { headers } }, '/meetings', {
    method: 'POST',
    body: roomName ? { roomName } : {},
  })
  if (!created.ok) return homeWithError(homeErrorFor(created.status), roomName, headers)
  return redirectWithCookies(`/rooms/${created.body.meeting.roomName}`, headers)
}
