import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import type { EventHandler } from 'h3'

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

// A hash of the file's content is part of the module URL, so an edited file is imported afresh in
// dev. Not its mtime: a file synced by `docker compose up --watch` (tar) keeps whole seconds only,
// so two edits within one second had the same URL and the second was never loaded.
export async function loadFunction(path: string, { reloadable = true } = {}): Promise<LoadedFunction> {
  const url = pathToFileURL(path).href
  const module = await import(reloadable ? `${url}?v=${createHash('sha1').update(await readFile(path)).digest('hex').slice(0, 16)}` : url)
  if (typeof module.default !== 'function') {
    throw new Error(`${path} must default-export an h3 handler: export default defineHandler(...)`)
  }
  return { handler: module.default, meta: module.meta ?? {} }
}

/** A function file as a route holds it: imported on first use (or by `warm`), then kept. */
export interface FunctionModule {
  loaded?: LoadedFunction
  load(): Promise<LoadedFunction>
}

/**
 * Start-up reads the folder and builds the route table only; each module is imported the first time
 * its route is asked for, or earlier by the warm-up after listening. Outside development nothing
 * reloads, so the module URL needs no content hash (and the file is read once, by the import).
 */
export function lazyFunction(path: string): FunctionModule {
  let loading: Promise<LoadedFunction> | undefined
  const fn: FunctionModule = {
    load: () => (loading ??= loadFunction(path, { reloadable: false }).then((loaded) => (fn.loaded = loaded))),
  }
  return fn
}

/** A function already imported (development, where a reload must see every file before it swaps). */
export const loadedFunction = (loaded: LoadedFunction): FunctionModule => ({ loaded, load: async () => loaded })
