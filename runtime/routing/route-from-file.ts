export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const
export type Method = Uppercase<(typeof HTTP_METHODS)[number]>

export interface FileRoute {
  /** rou3 pattern: `/recordings/:id`, `/files/**:path` */
  route: string
  /** undefined: every method */
  method?: Method
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
