import type { EventHandler } from 'h3'
import { apiError } from '../errors.ts'
import { routeShape, type Method, type RouteEntry } from '../routing/routes.ts'

const METHODS: Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * For every path that only some methods answer, a route for each other method: 405 with `Allow`,
 * as docs/api.md promises, instead of the 404 a missing method would otherwise get. One route per
 * method rather than "any method", so that h3 still answers HEAD with the GET route.
 */
export function methodNotAllowedRoutes(routes: RouteEntry[]): Array<{ method: Method; route: string; handler: EventHandler }> {
  const byPath = new Map<string, { route: string; methods: Set<Method>; anyMethod: boolean }>()
  for (const { route, method } of routes) {
    const path = byPath.get(routeShape(route)) ?? { route, methods: new Set<Method>(), anyMethod: false }
    if (method) path.methods.add(method)
    else path.anyMethod = true
    byPath.set(routeShape(route), path)
  }
  return [...byPath.values()]
    .filter((path) => !path.anyMethod)
    .flatMap(({ route, methods }) => {
      if (methods.has('GET')) methods.add('HEAD')
      const allow = METHODS.filter((method) => methods.has(method)).join(', ')
      const handler: EventHandler = (event) => {
        event.res.headers.set('allow', allow)
        throw apiError(405, 'method_not_allowed', `${event.req.method} is not allowed here; use ${allow}`, { allow })
      }
      return METHODS.filter((method) => !methods.has(method)).map((method) => ({ method, route, handler }))
    })
}
