import { H3 } from 'h3'
import type { Runtime } from './context.ts'
import type { LoadedRoute } from './routing/load.ts'
import { requestId } from './http/request-id.ts'
import { securityHeaders, setSecurityHeaders } from './http/security-headers.ts'
import { cors } from './http/cors.ts'
import { refuseCrossSite } from './http/cross-site.ts'
import { rateLimit } from './http/rate-limit.ts'
import { errorResponse } from './http/error-response.ts'
import { logRequest } from './http/request-log.ts'
import { bodyLimit } from './http/body-limit.ts'
import { discardUnreadBody } from './http/unread-body.ts'
import { jsonBodies } from './http/json-body.ts'
import { methodNotAllowedRoutes } from './http/method-not-allowed.ts'
import { countRequest } from './metrics/requests.ts'
import type { RateLimiter } from './rate-limit/limiter.ts'

// The h3 app: cross-cutting middleware first, then one route per function file.
export function createApp(runtime: Runtime, routes: LoadedRoute[], limiter: RateLimiter): H3 {
  const { config, logger } = runtime
  const window = config.RATE_LIMIT_WINDOW_SECONDS
  const app = new H3({
    // Every failure is logged once, by errorResponse, through the runtime's logger (JSON in production).
    silent: true,
    onResponse: (response, event) => (countRequest(response, event), logRequest(response, event, logger, config.NODE_ENV === 'production')),
    // Also here: h3 refuses a malformed URL before any middleware has run.
    onError: (error, event) => (setSecurityHeaders(event, config.NODE_ENV === 'production'), errorResponse(error, event, logger)),
  })
  app.use(discardUnreadBody)
  app.use(requestId)
  app.use(securityHeaders(config.NODE_ENV === 'production'))
  const origins = [...(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : []), ...config.CORS_ORIGINS]
  app.use(cors(origins))
  app.use(refuseCrossSite)
  app.use(rateLimit(limiter, { api: { max: config.RATE_LIMIT_MAX, windowSeconds: window }, token: { max: config.RATE_LIMIT_TOKEN_MAX, windowSeconds: window } }, config.TRUST_PROXY_HOPS))
  app.use(bodyLimit(config.BODY_LIMIT_BYTES))
  app.use(jsonBodies)
  for (const route of routes) app.on(route.method ?? '', route.route, route.handler, { meta: route.meta as Record<string, unknown> })
  for (const { method, route, handler } of methodNotAllowedRoutes(routes)) app.on(method, route, handler, { meta: { rateLimit: 'api', requestBody: 'any' } })
  return app
}
