import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { EventHandler } from 'h3'
import { buildRouteTable, scanFiles, type RouteEntry } from './routes.ts'

/** What a function file may export besides its default handler. */
export interface FunctionMeta {
  /** Rate-limit tier: `false` exempts the route (health probes, signed webhooks). */
  rateLimit?: 'api' | 'token' | false
  /** Request bodies: JSON (default, anything else is refused with 415) or `'any'` (the function reads them raw). */
  requestBody?: 'json' | 'any'
}

export interface LoadedFunction {
  handler: EventHandler
  meta: FunctionMeta
}

/** A function file as a route holds it: imported on first use (or by `warmRoutes`), then kept. */
export interface FunctionModule {
  loaded?: LoadedFunction
  load(): Promise<LoadedFunction>
}

export type LoadedRoute = RouteEntry & { module: FunctionModule; handler: EventHandler }

/**
 * Imports one function file. `version` (development: see reload.ts) becomes part of the module URL,
 * so a changed functions folder is imported afresh, with everything it imports from that folder.
 */
export async function loadFunction(path: string, version?: string): Promise<LoadedFunction> {
  const url = pathToFileURL(path).href
  const module = await import(version ? `${url}?v=${version}` : url)
  if (typeof module.default !== 'function') {
    throw new Error(`${path} must default-export an h3 handler: export default defineHandler(...)`)
  }
  return { handler: module.default, meta: module.meta ?? {} }
}

/**
 * The routes of `functionsDir`. `lazy` (outside development): start-up reads the folder and builds
 * the route table only, a directory entry per file instead of an import; each module is imported the
 * first time its route is asked for, or earlier by `warmRoutes`. Otherwise every module is imported
 * now and a broken file fails the call (a development reload keeps the previous set then).
 */
export async function loadRoutes(functionsDir: string, { version, lazy = false }: { version?: string; lazy?: boolean } = {}): Promise<LoadedRoute[]> {
  const table = buildRouteTable(await scanFiles(functionsDir))
  const modules = lazy
    ? table.map((entry) => lazyFunction(join(functionsDir, entry.file)))
    : await Promise.all(table.map(async (entry) => loadedFunction(await loadFunction(join(functionsDir, entry.file), version))))
  return table.map((entry, i) => ({ ...entry, module: modules[i], handler: handlerOf(modules[i]) }))
}

function lazyFunction(path: string): FunctionModule {
  let loading: Promise<LoadedFunction> | undefined
  const fn: FunctionModule = { load: () => (loading ??= loadFunction(path).then((loaded) => (fn.loaded = loaded))) }
  return fn
}

/** A function already imported (development, and the 405 routes the app adds). */
export const loadedFunction = (loaded: LoadedFunction): FunctionModule => ({ loaded, load: async () => loaded })

const handlerOf =
  (module: FunctionModule): EventHandler =>
  (event) =>
    module.loaded ? module.loaded.handler(event) : module.load().then((loaded) => loaded.handler(event))

/**
 * Imports every lazy module one after another, after the server listens, so that first requests
 * find their function ready; requests are answered in between. A file that fails is reported to
 * `onError`; its route answers 500.
 */
export async function warmRoutes(routes: LoadedRoute[], onError: (file: string, error: Error) => void): Promise<void> {
  for (const route of routes) {
    if (route.module.loaded) continue
    await route.module.load().catch((error: Error) => onError(route.file, error))
    await new Promise((resolve) => setImmediate(resolve))
  }
}
