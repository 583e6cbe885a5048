import { stat } from 'node:fs/promises'
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

// The file's mtime is part of the module URL, so an edited file is imported afresh in dev.
export async function loadFunction(path: string): Promise<LoadedFunction> {
  const { mtimeMs } = await stat(path)
  const module = await import(`${pathToFileURL(path).href}?v=${mtimeMs}`)
  if (typeof module.default !== 'function') {
    throw new Error(`${path} must default-export an h3 handler: export default defineHandler(...)`)
  }
  return { handler: module.default, meta: module.meta ?? {} }
}
