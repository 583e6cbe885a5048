import type { AstroGlobal, APIContext } from 'astro'
import { runtimeUrl } from './runtime-url.ts'
import { forwardHeaders } from './forward-headers.ts'
import type { ApiErrorBody } from './types.ts'

export type RuntimeAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: ApiErrorBody }

type Caller = Pick<AstroGlobal | APIContext, 'request' | 'locals'> & { response?: { headers: Headers } }

/**
 * Calls the runtime on the visitor's behalf (their cookie, their address) from a page or endpoint.
 * A new session cookie is passed on to the browser, and to the page's later calls: a visitor
 * without a cookie gets one session per page load, not one per call. Status 0: no answer.
 */
export async function callRuntime<T>(caller: Caller, path: string, init: { method?: string; body?: unknown } = {}): Promise<RuntimeAnswer<T>> {
  const { clientAddress, runtimeCookies } = caller.locals
  const headers = forwardHeaders(new Request(caller.request.url, { headers: caller.request.headers }), clientAddress)
  headers.delete('content-type')
  headers.delete('accept-encoding')
  if (runtimeCookies.size > 0) headers.set('cookie', withCookies(headers.get('cookie'), runtimeCookies))
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
  for (const cookie of response.headers.getSetCookie()) {
    caller.response?.headers.append('set-cookie', cookie)
    const [name, ...value] = cookie.split(';')[0].split('=')
    runtimeCookies.set(name.trim(), value.join('='))
  }
  const body = await response.json().catch(() => ({ error: 'internal_error', message: 'The meeting server gave an unreadable answer.' }))
  return response.ok ? { ok: true, status: response.status, body: body as T } : { ok: false, status: response.status, body: body as ApiErrorBody }
}

/** The browser's Cookie header with the runtime's newer values in place of (or added to) its own. */
function withCookies(header: string | null, newer: Map<string, string>): string {
  const pairs = (header ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair && !newer.has(pair.split('=')[0]))
  return [...pairs, ...[...newer].map(([name, value]) => `${name}=${value}`)].join('; ')
}
