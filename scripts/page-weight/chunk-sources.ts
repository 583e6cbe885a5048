import { readdir, readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { decode } from '@jridgewell/sourcemap-codec'
import { dynamicImport, importsIn, staticImport } from './asset-graph.ts'

// Which source modules a built chunk holds, and how many of its bytes each, from the chunk's source map.

/** Minified bytes per source module (paths from the repository root: site/src/…, node_modules/…). */
async function chunkSources(file: string): Promise<Record<string, number>> {
  const code = await readFile(file, 'utf8')
  const map = JSON.parse(await readFile(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string }
  const lines = code.split('\n')
  const bytes: Record<string, number> = {}
  decode(map.mappings).forEach((segments, lineIndex) => {
    segments.forEach(([column, source], index) => {
      const end = segments[index + 1]?.[0] ?? lines[lineIndex]?.length ?? column
      const name = source === undefined ? '(bundler)' : map.sources[source]!.replace(/^(\.\.\/)+/, '')
      bytes[name] = (bytes[name] ?? 0) + end - column
    })
  })
  // What no mapping covers is the bundler's own code (Vite's preload helper, the chunk's imports and exports).
  const mapped = Object.values(bytes).reduce((sum, count) => sum + count, 0)
  bytes['(bundler)'] = (bytes['(bundler)'] ?? 0) + code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '').length - mapped
  return bytes
}

/**
 * A chunk's gzip -9 size as the site serves it (without the source map comment this build adds), and
 * the same with the content hashes in chunk names taken out, to compare two builds: a changed chunk
 * renames the chunks importing it, and random hash characters compress differently.
 */
async function gzipSizes(file: string) {
  const code = (await readFile(file, 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '')
  const gzip = (text: string) => gzipSync(text, { level: 9 }).byteLength
  return { gzipBytes: gzip(code), comparableGzipBytes: gzip(code.replace(/\.[\w-]{8}\.js\b/g, '.js')) }
}

const chunkName = (file: string) => file.replace(/^.*\//, '').replace(/\.[\w-]+\.js$/, '')

export interface FirstLoadChunk {
  file: string
  gzipBytes: number
  /** gzip bytes with chunk hashes taken out: for comparing builds */
  comparableGzipBytes: number
  /** minified bytes per source module */
  sources: Record<string, number>
}

/**
 * The first load of a page in a build on disk, starting from the chunks the served page loads first
 * (matched by name: hashes differ between builds) and following every import but `stopAt`'s.
 */
export async function firstLoadOnDisk(assetsDir: string, served: string[], stopAt: RegExp): Promise<FirstLoadChunk[]> {
  const files = (await readdir(assetsDir)).filter((file) => file.endsWith('.js'))
  const onDisk = (name: string) => files.find((file) => chunkName(file) === chunkName(name))
  const seen = new Set<string>()
  const walk = async (file: string) => {
    if (seen.has(file) || stopAt.test(`/_astro/${file}`)) return
    seen.add(file)
    const code = await readFile(`${assetsDir}/${file}`, 'utf8')
    for (const spec of [...importsIn(code, staticImport), ...importsIn(code, dynamicImport)]) await walk(spec.replace(/^.*\//, ''))
  }
  for (const name of served) {
    const file = onDisk(name)
    if (!file) throw new Error(`${name}: no chunk of that name in ${assetsDir}`)
    await walk(file)
  }
  return Promise.all(
    [...seen].map(async (file) => ({
      file: `/_astro/${file}`,
      ...(await gzipSizes(`${assetsDir}/${file}`)),
      sources: await chunkSources(`${assetsDir}/${file}`),
    })),
  )
}
