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
export async function loadFunction(path: string): Promise<LoadedFunction> {
  const version = createHash('sha1').update(await readFile(path)).digest('hex').slice(0, 16)
  const module = await import(`${pathToFileURL(path).href}?v=${version}`)
  if (typeof module.default !== 'function') {
    throw new Error(`${path} must default-export an h3 handler: export default defineHandler(...)`)
  }
  return { handler: module.default, meta: module.meta ?? {} }
}
