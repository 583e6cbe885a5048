import type { APIRoute } from 'astro'
import { callRuntime } from '../../lib/call-runtime.ts'
import { redirectWithCookies } from '../../lib/redirects.ts'
import { safeReturnTo, signInErrorFor } from '../../lib/sign-in-errors.ts'

// The sign-in page's password form: the runtime checks it and sets the new session cookie.
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const form = await request.formData()
  const returnTo = safeReturnTo(form.get('returnTo'))
  const headers = new Headers()
  const answer = await callRuntime({ request, clientAddress, response: { headers } }, '/auth/password', {
    method: 'POST',
    body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
  })
  if (answer.ok) return redirectWithCookies(returnTo, headers)
  return redirectWithCookies(`/sign-in?${new URLSearchParams({ error: signInErrorFor(answer.status), returnTo })}`, headers)
}
