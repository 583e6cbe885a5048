import type { EventHandler } from 'h3'
import { apiError } from '../errors.ts'
import type { RouteEntry } from '../routing/route-table.ts'

// Param names do not make paths different: `/r/:id` and `/r/:name` are one path to a client.
const shape = (route: string) => route.replace(/\*\*:\w+/g, '**').replace(/:\w+/g, ':')

/**
 * For every path that only some methods answer, a handler for the others: 405 with `Allow`, as
 * docs/api.md promises, instead of the 404 a missing method would otherwise get. Registered as
 * "any method", so the router still prefers the route of the method asked for.
 */
export function methodNotAllowedRoutes(routes: RouteEntry[]): Array<{ route: string; handler: EventHandler }> {
  const byPath = new Map<string, { route: string; methods: Set<string>; anyMethod: boolean }>()
  for (const { route, method } of routes) {
    const path = byPath.get(shape(route)) ?? { route, methods: new Set<string>(), anyMethod: false }
    if (method) path.methods.add(method)
    else path.anyMethod = true
    byPath.set(shape(route), path)
  }
  return [...byPath.values()]
    .filter((path) => !path.anyMethod)
    .map(({ route, methods }) => {
      // h3 answers HEAD with the GET route.
      const allow = [...methods, ...(methods.has('GET') && !methods.has('HEAD') ? ['HEAD'] : [])].join(', ')
      const handler: EventHandler = (event) => {
        event.res.headers.set('allow', allow)
        throw apiError(405, 'method_not_allowed', `${event.req.method} is not allowed here; use ${allow}`, { allow })
      }
      return { route, handler }
    })
}
