import { gzipSync } from 'node:zlib'

export interface AssetSize {
  file: string
  bytes: number
  gzipBytes: number
}

export interface PageWeight {
  path: string
  /** JavaScript the browser runs on load: page scripts and their static imports. */
  initialJs: AssetSize[]
  /** Loaded later by the page itself (dynamic import), e.g. when someone presses Join. */
  lazyJs: AssetSize[]
  css: AssetSize[]
  /** <script>/<style> written into the HTML itself. */
  inline: { jsBytes: number; cssBytes: number }
}

const gzipped = (text: string) => gzipSync(text, { level: 9 }).byteLength
const sizeOf = (file: string, text: string): AssetSize => ({ file, bytes: Buffer.byteLength(text), gzipBytes: gzipped(text) })

// Bundler output is minified ESM: `import"./a.js"`, `from"./a.js"`, `import("./a.js")`, any quote kind.
export const staticImport = /(?:\bimport|\bfrom)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g
export const dynamicImport = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g
export const importsIn = (code: string, pattern: RegExp) => [...code.matchAll(pattern)].map((match) => match[1])

/**
 * Loads a page from a running site and follows every script and stylesheet it ships. `stopAt`
 * leaves out modules (and what only they import) that the page loads only when a feature is used.
 */
export async function measurePage(origin: string, path: string, { stopAt }: { stopAt?: RegExp } = {}): Promise<PageWeight> {
  const html = await (await fetch(origin + path)).text()
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1])
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g)].map(
    (match) => match[1] ?? match[2],
  )
  const inlineJs = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('')
  const inlineCss = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join('')

  const code = new Map<string, string>()
  const load = async (url: string) => {
    if (!code.has(url)) code.set(url, await (await fetch(origin + url)).text())
    return code.get(url)!
  }
  const initial = new Set<string>()
  const lazy = new Set<string>()
  const walk = async (url: string, isLazy: boolean) => {
    if (stopAt?.test(url)) return
    if (initial.has(url) || (isLazy && lazy.has(url))) return
    ;(isLazy ? lazy : initial).add(url)
    const text = await load(url)
    const resolve = (spec: string) => new URL(spec, origin + url).pathname
    for (const spec of importsIn(text, staticImport)) await walk(resolve(spec), isLazy)
    for (const spec of importsIn(text, dynamicImport)) await walk(resolve(spec), true)
  }
  for (const script of scripts) await walk(script, false)
  for (const url of initial) lazy.delete(url)

  return {
    path,
    initialJs: [...initial].map((url) => sizeOf(url, code.get(url)!)),
    lazyJs: [...lazy].map((url) => sizeOf(url, code.get(url)!)),
    css: await Promise.all(styles.map(async (url) => sizeOf(url, await load(url)))),
    inline: { jsBytes: Buffer.byteLength(inlineJs), cssBytes: Buffer.byteLength(inlineCss) },
  }
}

export const total = (assets: AssetSize[]) => ({
  bytes: assets.reduce((sum, asset) => sum + asset.bytes, 0),
  gzipBytes: assets.reduce((sum, asset) => sum + asset.gzipBytes, 0),
})

/**
 * What one feature adds to a page when it is used: its entry modules, what they import that the page
 * does not load anyway (nor another feature's chunks, which load when that one is used), and the files
 * they fetch by URL (workers, worklets, wasm, models).
 */
export async function measureFeature(
  origin: string,
  entries: string[],
  loadedAnyway: Set<string>,
  { fetched = [], otherFeatures }: { fetched?: string[]; otherFeatures?: RegExp } = {},
): Promise<AssetSize[]> {
  const seen = new Set<string>()
  const sizes: AssetSize[] = []
  const add = async (url: string) => {
    if (seen.has(url) || loadedAnyway.has(url) || (otherFeatures?.test(url) && !entries.includes(url))) return
    seen.add(url)
    const response = await fetch(origin + url)
    const bytes = Buffer.from(await response.arrayBuffer())
    sizes.push({ file: url, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength })
    if (!url.endsWith('.js')) return
    const text = bytes.toString('utf8')
    const resolve = (spec: string) => new URL(spec, origin + url).pathname
    for (const spec of [...importsIn(text, staticImport), ...importsIn(text, dynamicImport)]) await add(resolve(spec))
    // Workers, worklets and wasm the module points at by URL (Vite's ?worker and ?url).
    for (const match of text.matchAll(/["'`](\/_astro\/[^"'`]+\.(?:js|wasm))["'`]/g)) await add(match[1])
  }
  for (const entry of entries) await add(entry)
  for (const url of fetched) await add(url)
  return sizes
}
