import { payloadTooLarge, readLimitedForm } from './request-body.ts'
import { isRoomName } from './room-name.ts'

// A few short fields: a few KiB is plenty (the site bounds every body it reads).
const FORM_LIMIT = 4096

/**
 * The recordings page's forms (share, delete): the meeting from the path and the posted fields,
 * or the answer to give instead (404 for a path that names no meeting, 413 for a body too large).
 */
export async function readRecordingForm(request: Request, room: string | undefined): Promise<{ roomName: string; id: string; form: FormData } | Response> {
  const roomName = (room ?? '').toLowerCase()
  if (!isRoomName(roomName)) return new Response(null, { status: 404 })
  const form = await readLimitedForm(request, FORM_LIMIT)
  if (!form) return payloadTooLarge(FORM_LIMIT)
  return { roomName, id: encodeURIComponent(String(form.get('id') ?? '')), form }
}
