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

export type LoadedRoute = RouteEntry & LoadedFunction

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

export async function loadRoutes(functionsDir: string, version?: string): Promise<LoadedRoute[]> {
  const table = buildRouteTable(await scanFiles(functionsDir))
  return Promise.all(table.map(async (entry) => ({ ...entry, ...(await loadFunction(join(functionsDir, entry.file), version)) })))
}
