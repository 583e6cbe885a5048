import { createHash } from 'node:crypto'
import { watch } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { registerHooks } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { scanFiles } from './routes.ts'

// Development reload. A function file imported with `?v=<version>` is a new module, but what it
// imports (functions/_lib) would come from Node's module cache and never change. So the whole
// functions graph is versioned: a resolve hook gives every module under the folder, imported from a
// versioned module under it, the importer's version. Old versions stay in memory until the process
// ends (development only); the runtime, h3 and the SDKs outside the folder are loaded once.

const versioned = new Set<string>()

/** Makes every import between modules under `dir` carry the importer's `?v=`. Once per folder. */
export function versionImportsUnder(dir: string): void {
  const base = pathToFileURL(join(dir, '/')).href
  if (versioned.has(base)) return
  versioned.add(base)
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context)
      const parent = context.parentURL
      if (!parent?.startsWith(base) || !resolved.url.startsWith(base) || resolved.url.includes('?')) return resolved
      const version = new URL(parent).searchParams.get('v')
      return version ? { ...resolved, url: `${resolved.url}?v=${version}` } : resolved
    },
  })
}

/**
 * The folder's version: a hash of every file's path and content. Content, not mtimes: a file synced
 * by `docker compose up --watch` (tar) keeps whole seconds only, so two edits within one second
 * would look the same. An unchanged folder keeps its version, and its modules.
 */
export async function functionsVersion(dir: string): Promise<string> {
  const hash = createHash('sha1')
  for (const file of await scanFiles(dir)) {
    hash
      .update(file)
      .update('\0')
      .update(await readFile(join(dir, file)))
      .update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/** Calls `onChange` once per burst of edits (editors write files in several steps). */
export function watchFunctions(dir: string, onChange: () => void, debounceMs = 100): () => void {
  let timer: NodeJS.Timeout | undefined
  const watcher = watch(dir, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(onChange, debounceMs)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}
