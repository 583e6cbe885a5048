import type { APIRoute } from 'astro'
import { payloadTooLarge, readLimitedForm } from '../../lib/request-body.ts'
import { callRuntime } from '../../lib/call-runtime.ts'
import { redirectWithCookies } from '../../lib/redirects.ts'
import type { Invitation } from '../../lib/types.ts'

// A few short fields: a few KiB is plenty (the site bounds every body it reads).
const FORM_LIMIT = 4096

// The people page's invitation form: the link comes back to the page to be copied.
export const POST: APIRoute = async ({ request, locals }) => {
  const form = await readLimitedForm(request, FORM_LIMIT)
  if (!form) return payloadTooLarge(FORM_LIMIT)
  const displayName = String(form.get('displayName') ?? '').trim()
  const answer = await callRuntime<Invitation>({ request, locals }, '/members', {
    method: 'POST',
    body: { email: String(form.get('email') ?? ''), role: form.get('admin') ? 'admin' : 'member', ...(displayName ? { displayName } : {}) },
  })
  if (answer.ok) return redirectWithCookies(`/people?invite=${answer.body.invite.url.split('/').pop()}`)
  return redirectWithCookies(`/people?error=${answer.status === 409 ? 'exists' : answer.status === 400 ? 'bad-email' : 'failed'}`)
}
