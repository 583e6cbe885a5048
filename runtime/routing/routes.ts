import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'

// File names → routes: the functions folder as a route table (no module is imported here).

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const
export type Method = Uppercase<(typeof HTTP_METHODS)[number]>

export interface FileRoute {
  /** rou3 pattern: `/recordings/:id`, `/files/**:path` */
  route: string
  /** undefined: every method */
  method?: Method
}

export interface RouteEntry extends FileRoute {
  file: string
}

export class RouteConflictError extends Error {
  constructor(route: string, method: string, files: [string, string]) {
    super(`Route conflict: ${method} ${route} is defined by both ${files[0]} and ${files[1]}; rename or remove one`)
    this.name = 'RouteConflictError'
  }
}

const EXTENSION = /\.(ts|mts|js|mjs)$/
const IGNORED = /(^|\/)_|\.d\.ts$|\.test\.|\.spec\./

// Nitro-style names: `recordings/[id].get.ts` → GET /recordings/:id, `[...path].ts` → /**:path.
export function routeFromFile(relativePath: string): FileRoute | undefined {
  const path = relativePath.replaceAll('\\', '/')
  if (!EXTENSION.test(path) || IGNORED.test(path)) return undefined
  const segments = path.replace(EXTENSION, '').split('/')
  const [name, suffix] = splitMethod(segments.pop()!)
  if (name !== 'index') segments.push(name)
  const route = '/' + segments.map(toPatternSegment).join('/')
  return suffix ? { route, method: suffix } : { route }
}

function splitMethod(fileName: string): [string, Method | undefined] {
  const dot = fileName.lastIndexOf('.')
  const suffix = fileName.slice(dot + 1)
  if (dot > 0 && (HTTP_METHODS as readonly string[]).includes(suffix)) {
    return [fileName.slice(0, dot), suffix.toUpperCase() as Method]
  }
  return [fileName, undefined]
}

function toPatternSegment(segment: string): string {
  const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment)
  if (catchAll) return `**:${catchAll[1]}`
  return segment.replace(/\[(\w+)\]/g, ':$1')
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

// Every file under `dir`, as sorted paths relative to it, so route order never depends on the disk.
export async function scanFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
    .sort()
}
