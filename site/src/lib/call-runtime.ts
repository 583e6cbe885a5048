import type { AstroGlobal, APIContext } from 'astro'
import { runtimeUrl } from './runtime-url.ts'
import { forwardHeaders } from './forward-headers.ts'
import type { ApiErrorBody } from './types.ts'

export type RuntimeAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: ApiErrorBody }

type Caller = Pick<AstroGlobal | APIContext, 'request' | 'clientAddress'> & { response?: { headers: Headers } }

/**
 * Calls the runtime on the visitor's behalf (their cookie, their address) from a page or endpoint.
 * A new session cookie is passed on to the browser. Status 0 means the runtime did not answer.
 */
export async function callRuntime<T>(caller: Caller, path: string, init: { method?: string; body?: unknown } = {}): Promise<RuntimeAnswer<T>> {
  const headers = forwardHeaders(new Request(caller.request.url, { headers: caller.request.headers }), caller.clientAddress)
  headers.delete('content-type')
  headers.delete('accept-encoding')
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  let response: Response
  try {
    response = await fetch(runtimeUrl() + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch {
    return { ok: false, status: 0, body: { error: 'service_unavailable', message: 'The meeting server is not reachable right now.' } }
  }
  for (const cookie of response.headers.getSetCookie()) caller.response?.headers.append('set-cookie', cookie)
  const body = await response.json().catch(() => ({ error: 'internal_error', message: 'The meeting server gave an unreadable answer.' }))
  return response.ok ? { ok: true, status: response.status, body: body as T } : { ok: false, status: response.status, body: body as ApiErrorBody }
}
