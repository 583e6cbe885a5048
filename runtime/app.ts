import { H3 } from 'h3'
import type { Runtime } from './context.ts'
import { loadedFunction, type LoadedRoute } from './routing/load.ts'
import { crossCutting, errorHeaders } from './http/cross-cutting.ts'
import { errorResponse } from './http/error-response.ts'
import { requestLog } from './http/request-log.ts'
import { methodNotAllowedRoutes } from './http/method-not-allowed.ts'
import { countRequest } from './metrics/requests.ts'
import { sessionReadAlong } from './session/current.ts'
import type { RateLimiter } from './rate-limit/limiter.ts'

// The h3 app: one cross-cutting middleware, then one route per function file.
export function createApp(runtime: Runtime, routes: LoadedRoute[], limiter: RateLimiter): H3 {
  const { config, logger } = runtime
  const production = config.NODE_ENV === 'production'
  const window = config.RATE_LIMIT_WINDOW_SECONDS
  const logRequest = requestLog(logger, production)
  const setErrorHeaders = errorHeaders(production)
  const app = new H3({
    // Every failure is logged once, by errorResponse, through the runtime's logger (JSON in production).
    silent: true,
    onResponse: (response, event) => (countRequest(response, event), logRequest(response, event)),
    // Also for failures before the middleware ran: h3 refuses a malformed URL first.
    onError: (error, event) => (setErrorHeaders(event), errorResponse(error, event, logger)),
  })
  app.use(
    crossCutting({
      production,
      origins: [...(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : []), ...config.CORS_ORIGINS],
      limiter,
      tiers: { api: { max: config.RATE_LIMIT_MAX, windowSeconds: window }, token: { max: config.RATE_LIMIT_TOKEN_MAX, windowSeconds: window } },
      trustedHops: config.TRUST_PROXY_HOPS,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      readAlong: sessionReadAlong,
    }),
  )
  // A route's meta carries its function module: the middleware reads the function's own meta from it.
  for (const route of routes) app.on(route.method ?? '', route.route, route.handler, { meta: { module: route.module } })
  for (const { method, route, handler } of methodNotAllowedRoutes(routes)) {
    app.on(method, route, handler, { meta: { module: loadedFunction({ handler, meta: { rateLimit: 'api', requestBody: 'any' } }) } })
  }
  return app
}
