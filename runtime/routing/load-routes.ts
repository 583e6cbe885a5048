import { join } from 'node:path'
import type { EventHandler } from 'h3'
import { scanFiles } from './scan.ts'
import { buildRouteTable, type RouteEntry } from './route-table.ts'
import { lazyFunction, loadFunction, loadedFunction, type FunctionModule } from './load-function.ts'

export type LoadedRoute = RouteEntry & { module: FunctionModule; handler: EventHandler }

/**
 * The routes of `functionsDir`. `lazy`: modules are imported on first use (see `warmRoutes`), so
 * start-up costs a directory read per file, not an import; otherwise every module is imported now
 * and a broken file fails the call (development reload keeps the previous set then).
 */
export async function loadRoutes(functionsDir: string, { lazy = false } = {}): Promise<LoadedRoute[]> {
  const table = buildRouteTable(await scanFiles(functionsDir))
  const modules = lazy
    ? table.map((entry) => lazyFunction(join(functionsDir, entry.file)))
    : await Promise.all(table.map(async (entry) => loadedFunction(await loadFunction(join(functionsDir, entry.file)))))
  return table.map((entry, i) => ({ ...entry, module: modules[i], handler: handlerOf(modules[i]) }))
}

const handlerOf = (module: FunctionModule): EventHandler => (event) => (module.loaded ? module.loaded.handler(event) : module.load().then((loaded) => loaded.handler(event)))

/**
 * Imports every lazy module one after another, after the server listens, so that first requests
 * find their function ready; requests are answered in between. A file that fails is reported to `onError`; its route answers 500.
 */
export async function warmRoutes(routes: LoadedRoute[], onError: (file: string, error: Error) => void): Promise<void> {
  for (const route of routes) {
    if (route.module.loaded) continue
    await route.module.load().catch((error: Error) => onError(route.file, error))
    await new Promise((resolve) => setImmediate(resolve))
  }
}
