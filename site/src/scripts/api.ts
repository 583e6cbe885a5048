import type { ApiErrorBody, ErrorCode } from '../lib/types.ts'
import { locale, t } from '../i18n/client.ts'

/** An answer from the API that was not 2xx, with the message docs/api.md promises. */
export class ApiError extends Error {
  readonly status: number
  /** `unreachable`: no answer at all */
  readonly code: ErrorCode | 'unreachable'
  readonly details: Record<string, unknown>
  constructor(status: number, code: ErrorCode | 'unreachable', message: string, details: Record<string, unknown> = {}) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
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
    throw new ApiError(0, 'unreachable', t('api.error.unreachable'))
  }
  const data = await response.json().catch(() => ({}))
  if (!response.ok) {
    const { error = 'internal_error', message = `The server answered ${response.status}.`, details } = data as Partial<ApiErrorBody>
    throw new ApiError(response.status, error, message, details)
  }
  return data as T
}

/**
 * A failure as a sentence in the visitor's language. The API explains itself in English; other
 * languages get the catalog's sentence for the error's code (what went wrong, and what to do).
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.code === 'unreachable' || locale !== 'en' ? t(`api.error.${error.code}`) : error.message
  return error instanceof Error ? error.message : String(error)
}
