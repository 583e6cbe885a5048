import type { APIRoute } from 'astro'
import { payloadTooLarge, readLimitedForm } from '../../../../lib/request-body.ts'
import { callRuntime } from '../../../../lib/call-runtime.ts'
import { redirectWithCookies } from '../../../../lib/redirects.ts'
import { isRoomName } from '../../../../lib/room-name.ts'

// A few short fields: a few KiB is plenty (the site bounds every body it reads).
const FORM_LIMIT = 4096

// The recordings page's "Share with everyone who joined" / "Stop sharing" buttons.
export const POST: APIRoute = async ({ request, locals, params }) => {
  const roomName = (params.room ?? '').toLowerCase()
  if (!isRoomName(roomName)) return new Response(null, { status: 404 })
  const form = await readLimitedForm(request, FORM_LIMIT)
  if (!form) return payloadTooLarge(FORM_LIMIT)
  await callRuntime({ request, locals }, `/recordings/${encodeURIComponent(String(form.get('id') ?? ''))}/sharing`, {
    method: 'PUT',
    body: { shared: form.get('shared') === 'true' },
  })
  return redirectWithCookies(`/rooms/${roomName}/recordings`)
}
