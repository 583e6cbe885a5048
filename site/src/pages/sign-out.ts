import type { APIRoute } from 'astro'
import { callRuntime } from '../lib/call-runtime.ts'
import { redirectWithCookies } from '../lib/redirects.ts'

// The header's "Sign out" button: the runtime deletes the session and the cookie.
export const POST: APIRoute = async ({ request, locals }) => {
  const headers = new Headers()
  await callRuntime({ request, locals, response: { headers } }, '/auth/logout', { method: 'POST' })
  return redirectWithCookies('/', headers)
}
