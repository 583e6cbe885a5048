import { handleCors, type Middleware } from 'h3'
import { forbidden } from '../errors.ts'

// Browsers from listed origins get CORS headers; any other origin is refused outright (403),
// which also stops cross-site form posts riding on the session cookie.
export function cors(allowedOrigins: string[]): Middleware {
  const allowed = new Set(allowedOrigins)
  const options = {
    origin: (origin: string) => allowed.has(origin),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['content-type', 'x-request-id'],
    exposeHeaders: ['x-request-id', 'retry-after'],
    maxAge: '600',
  }
  return (event, next) => {
    const origin = event.req.headers.get('origin')
    // No Origin: not a cross-origin browser request, so CORS headers would mean nothing; caches
    // still learn that the answer depends on Origin.
    if (!origin) return (event.res.headers.set('vary', 'origin'), next())
    if (!allowed.has(origin)) throw forbidden(`Origin ${origin} is not allowed (CORS_ORIGINS)`)
    return handleCors(event, options) || next()
  }
}
