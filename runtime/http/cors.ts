import { handleCors, type H3Event, type HTTPResponse } from 'h3'
import { forbidden } from '../errors.ts'
import type { HeaderList } from './headers.ts'

/**
 * Browsers from listed origins get CORS headers; any other origin is refused outright (403),
 * which also stops cross-site form posts riding on the session cookie. Returns the answer to a
 * preflight, else nothing (the request goes on).
 */
export function cors(allowedOrigins: string[]): (event: H3Event, headers: HeaderList) => HTTPResponse | undefined {
  const allowed = new Set(allowedOrigins)
  const options = {
    origin: (origin: string) => allowed.has(origin),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['content-type', 'x-request-id'],
    exposeHeaders: ['x-request-id', 'retry-after'],
    maxAge: '600',
  }
  return (event, headers) => {
    const origin = event.req.headers.get('origin')
    // No Origin: not a cross-origin browser request, so CORS headers would mean nothing; caches
    // still learn that the answer depends on Origin.
    if (!origin) return void headers.push(['vary', 'origin'])
    if (!allowed.has(origin)) throw forbidden(`Origin ${origin} is not allowed (CORS_ORIGINS)`)
    return handleCors(event, options) || undefined
  }
}
