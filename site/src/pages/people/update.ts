import type { APIRoute } from 'astro'
import { payloadTooLarge, readLimitedForm } from '../../lib/request-body.ts'
import { callRuntime } from '../../lib/call-runtime.ts'
import { redirectWithCookies } from '../../lib/redirects.ts'

// A few short fields: a few KiB is plenty (the site bounds every body it reads).
const FORM_LIMIT = 4096

// The people page's "Make admin", "Disable" and their opposites.
export const POST: APIRoute = async ({ request, locals }) => {
  const form = await readLimitedForm(request, FORM_LIMIT)
  if (!form) return payloadTooLarge(FORM_LIMIT)
  const id = String(form.get('id') ?? '')
  const change = Object.fromEntries(['role', 'state'].filter((k) => form.get(k)).map((k) => [k, String(form.get(k))]))
  const answer = await callRuntime({ request, locals }, `/members/${encodeURIComponent(id)}`, { method: 'PATCH', body: change })
  return redirectWithCookies(answer.ok ? '/people' : `/people?error=${answer.status === 409 ? 'self' : 'failed'}`)
}
