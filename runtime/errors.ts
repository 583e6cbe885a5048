import { HTTPError } from 'h3'
import type { ErrorCode } from '../types/api.ts'

export type { ErrorCode }

// Errors a function throws on purpose; the runtime turns them into `{ error, message, details? }`.
export function apiError(status: number, error: ErrorCode, message: string, details?: Record<string, unknown>): HTTPError {
  return new HTTPError({ status, message, data: { error, details } })
}

export const badRequest = (field: string, message: string) => apiError(400, 'validation_failed', `${field}: ${message}`, { field })
export const unauthorized = (message: string) => apiError(401, 'unauthorized', message)
export const forbidden = (message: string) => apiError(403, 'forbidden', message)
export const notFound = (message: string) => apiError(404, 'not_found', message)
export const conflict = (message: string) => apiError(409, 'conflict', message)
export const unavailable = (message: string) => apiError(503, 'service_unavailable', message)
