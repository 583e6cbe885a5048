import type { APIRoute } from 'astro'
import { payloadTooLarge, readLimitedForm } from '../../../../lib/request-body.ts'
import { callRuntime } from '../../../../lib/call-runtime.ts'
import { redirectWithCookies } from '../../../../lib/redirects.ts'
import { isRoomName } from '../../../../lib/room-name.ts'

// A few short fields: a few KiB is plenty (the site bounds every body it reads).
const FORM_LIMIT = 4096

// The recordings page's "Delete for good" (after its confirmation). The API decides who may (hosts)
// and deletes the file, then the row; the page says how it went (deleted=1, or why not).
export const POST: APIRoute = async ({ request, locals, params }) => {
  const roomName = (params.room ?? '').toLowerCase()
  if (!isRoomName(roomName)) return new Response(null, { status: 404 })
  const form = await readLimitedForm(request, FORM_LIMIT)
  if (!form) return payloadTooLarge(FORM_LIMIT)
  const answer = await callRuntime({ request, locals }, `/recordings/${encodeURIComponent(String(form.get('id') ?? ''))}`, { method: 'DELETE' })
  const outcome = answer.ok ? 'deleted=1' : `not-deleted=${answer.status}`
  return redirectWithCookies(`/rooms/${roomName}/recordings?${outcome}`)
}
