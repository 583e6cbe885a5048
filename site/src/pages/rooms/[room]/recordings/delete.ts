import type { APIRoute } from 'astro'
import { callRuntime } from '../../../../lib/call-runtime.ts'
import { readRecordingForm } from '../../../../lib/recording-form.ts'
import { redirectWithCookies } from '../../../../lib/redirects.ts'

// The recordings page's "Delete for good" (after its confirmation). The API decides who may (hosts)
// and deletes the file, then the row; the page says how it went (deleted=1, or why not).
export const POST: APIRoute = async ({ request, locals, params }) => {
  const posted = await readRecordingForm(request, params.room)
  if (posted instanceof Response) return posted
  const answer = await callRuntime({ request, locals }, `/recordings/${posted.id}`, { method: 'DELETE' })
  const outcome = answer.ok ? 'deleted=1' : `not-deleted=${answer.status}`
  return redirectWithCookies(`/rooms/${posted.roomName}/recordings?${outcome}`)
}
