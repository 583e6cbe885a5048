import { routeFromFile, type FileRoute } from './route-from-file.ts'

export interface RouteEntry extends FileRoute {
  file: string
}

export class RouteConflictError extends Error {
  constructor(route: string, method: string, files: [string, string]) {
    super(`Route conflict: ${method} ${route} is defined by both ${files[0]} and ${files[1]}; rename or remove one`)
    this.name = 'RouteConflictError'
  }
}

// Param names do not make routes different: `/r/:id` and `/r/:name` match the same requests.
export const routeShape = (route: string) => route.replace(/\*\*:\w+/g, '**').replace(/:\w+/g, ':')

export function buildRouteTable(files: string[]): RouteEntry[] {
  const seen = new Map<string, string>()
  const table: RouteEntry[] = []
  for (const file of files) {
    const route = routeFromFile(file)
    if (!route) continue
    const key = `${route.method ?? '*'} ${routeShape(route.route)}`
    const other = seen.get(key)
    if (other) throw new RouteConflictError(route.route, route.method ?? 'ALL', [other, file])
    seen.set(key, file)
    table.push({ ...route, file })
  }
  return table
}
