import { join } from 'node:path'
import { scanFiles } from './scan.ts'
import { buildRouteTable, type RouteEntry } from './route-table.ts'
import { loadFunction, type LoadedFunction } from './load-function.ts'

export type LoadedRoute = RouteEntry & LoadedFunction

export async function loadRoutes(functionsDir: string): Promise<LoadedRoute[]> {
  const table = buildRouteTable(await scanFiles(functionsDir))
  return Promise.all(table.map(async (entry) => ({ ...entry, ...(await loadFunction(join(functionsDir, entry.file))) })))
}
