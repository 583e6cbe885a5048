import type { APIRoute } from 'astro'
import { payloadTooLarge, readLimitedForm } from '../../lib/request-body.ts'
import { callRuntime } from '../../lib/call-runtime.ts'
import { redirectWithCookies } from '../../lib/redirects.ts'
import { safeReturnTo, signInErrorFor } from '../../lib/sign-in-errors.ts'

// A few short fields: a few KiB is plenty (the site bounds every body it reads).
const FORM_LIMIT = 4096

// The sign-in page's password form: the runtime checks it and sets the new session cookie.
export const POST: APIRoute = async ({ request, locals }) => {
  const form = await readLimitedForm(request, FORM_LIMIT)
  if (!form) return payloadTooLarge(FORM_LIMIT)
  const returnTo = safeReturnTo(form.get('returnTo'))
  const headers = new Headers()
  const answer = await callRuntime({ request, locals, response: { headers } }, '/auth/password', {
    method: 'POST',
    body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
  })
  if (answer.ok) return redirectWithCookies(returnTo, headers)
  return redirectWithCookies(`/sign-in?${new URLSearchParams({ error: signInErrorFor(answer.status), returnTo })}`, headers)
}
