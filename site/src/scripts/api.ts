import type { ApiErrorBody, ErrorCode } from '../lib/types.ts'

/** An answer from the API that was not 2xx, with the message docs/api.md promises. */
export class ApiError extends Error {
  readonly status: number
  /** `unreachable`: no answer at all */
  readonly code: ErrorCode | 'unreachable'
  constructor(status: number, code: ErrorCode | 'unreachable', message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** JSON to and from the runtime through the site's `/api` (same origin, session cookie included). */
export async function api<T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  let response: Response
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'unreachable', 'The meeting server is not reachable. Check your connection and try again.')
  }
  const data = await response.json().catch(() => ({}))
  if (!response.ok) {
    const { error = 'internal_error', message = `The server answered ${response.status}.` } = data as Partial<ApiErrorBody>
    throw new ApiError(response.status, error, message)
  }
  return data as T
}
