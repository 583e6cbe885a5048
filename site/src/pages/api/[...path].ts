import type { APIRoute } from 'astro'
import { runtimeUrl } from '../../lib/runtime-url.ts'
import { forwardHeaders, responseHeaders } from '../../lib/forward-headers.ts'
import { unreachable } from '../../lib/unreachable.ts'
import { apiBodyLimit, limitedBody, payloadTooLarge } from '../../lib/request-body.ts'

// `/api/*` goes to the runtime without the prefix, as Caddy routes it in production. The body is
// streamed through, never held: past the runtime's limit the site answers 413 itself; any answer
// of the runtime (its own 413 included) reaches the browser with its status and body unchanged.
export const ALL: APIRoute = async ({ request, params, locals }) => {
  const search = new URL(request.url).search
  const target = `${runtimeUrl()}/${params.path ?? ''}${search}`
  const limit = apiBodyLimit()
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : limitedBody(request, limit)
  if (body?.exceeded()) return body.refused().then(() => payloadTooLarge(limit))
  try {
    const upstream = await fetch(target, {
      method: request.method,
      headers: forwardHeaders(request, locals.clientAddress),
      body: body?.stream,
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit)
    return new Response(upstream.body, { status: upstream.status, headers: responseHeaders(upstream.headers) })
  } catch {
    if (body?.exceeded()) return body.refused().then(() => payloadTooLarge(limit))
    return unreachable()
  }
}
