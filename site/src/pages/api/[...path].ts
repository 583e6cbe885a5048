import type { APIRoute } from 'astro'
import { runtimeUrl } from '../../lib/runtime-url.ts'
import { forwardHeaders, responseHeaders } from '../../lib/forward-headers.ts'
import { unreachable } from '../../lib/unreachable.ts'

// `/api/*` goes to the runtime without the prefix, as Caddy routes it in production.
export const ALL: APIRoute = async ({ request, params, locals }) => {
  const search = new URL(request.url).search
  const target = `${runtimeUrl()}/${params.path ?? ''}${search}`
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  try {
    const upstream = await fetch(target, {
      method: request.method,
      headers: forwardHeaders(request, locals.clientAddress),
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
    })
    return new Response(upstream.body, { status: upstream.status, headers: responseHeaders(upstream.headers) })
  } catch {
    return unreachable()
  }
}
