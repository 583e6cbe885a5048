import type { APIRoute } from 'astro'
import { callRuntime } from '../../../../lib/call-runtime.ts'
import { readRecordingForm } from '../../../../lib/recording-form.ts'
import { redirectWithCookies } from '../../../../lib/redirects.ts'

// The recordings page's "Share with everyone who joined" / "Stop sharing" buttons.
export const POST: APIRoute = async ({ request, locals, params }) => {
  const posted = await readRecordingForm(request, params.room)
  if (posted instanceof Response) return posted
  await callRuntime({ request, locals }, `/recordings/${posted.id}/sharing`, { method: 'PUT', body: { shared: posted.form.get('shared') === 'true' } })
  return redirectWithCookies(`/rooms/${posted.roomName}/recordings`)
}
