import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { AssetSize } from './asset-graph.ts'

/**
 * What a Next.js app-router page loads first (its "First Load JS"): the root main files every page
 * shares plus the page's own chunks, read from a built `.next` directory's manifests.
 */
export async function nextFirstLoad(nextDir: string, page: string): Promise<{ js: AssetSize[]; css: AssetSize[] }> {
  const build = JSON.parse(await readFile(join(nextDir, 'build-manifest.json'), 'utf8'))
  const app = JSON.parse(await readFile(join(nextDir, 'app-build-manifest.json'), 'utf8'))
  const files: string[] = app.pages[page]
  if (!files) throw new Error(`${page} is not in ${nextDir}/app-build-manifest.json (pages: ${Object.keys(app.pages).join(', ')})`)
  const unique = [...new Set<string>([...build.rootMainFiles, ...files])]
  const sized = await Promise.all(
    unique.map(async (file): Promise<AssetSize> => {
      const content = await readFile(join(nextDir, file))
      return { file, bytes: content.byteLength, gzipBytes: gzipSync(content, { level: 9 }).byteLength }
    }),
  )
  return { js: sized.filter((asset) => asset.file.endsWith('.js')), css: sized.filter((asset) => asset.file.endsWith('.css')) }
}
