// What each site page ships to a browser (bytes and gzip), for the benchmark results:
//   npm run bench:page-weight [-- --meet-next-dir /path/to/livekit-meet/.next]
// The room page is measured with everything it loads before and at Join (its first load): its entry,
// the pre-join code and the room code fetched on Join. Encryption, background effects and RNNoise are
// measured apart, with what each adds to that first load (expected: nothing of their own code; see
// page-weight/features.ts). LiveKit Meet's figure is its room page's First Load JS from its own build.
import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { freePort } from '../native/free-port.ts'
import { startSite, buildSite, root } from '../native/site.ts'
import { measureFeature, measurePage, total, type AssetSize } from './page-weight/asset-graph.ts'
import { firstLoadOnDisk, type FirstLoadChunk } from './page-weight/chunk-sources.ts'
import { anyFeatureChunk, features as featureList, type FeatureName } from './page-weight/features.ts'
import { nextFirstLoad } from './page-weight/next-first-load.ts'

const { values } = parseArgs({
  options: { 'meet-next-dir': { type: 'string' }, out: { type: 'string', default: 'bench/results/page-weight.json' }, 'no-build': { type: 'boolean' } },
})
const pages = { home: '/', room: '/rooms/page-weight', recordings: '/rooms/page-weight/recordings', status: '/status' }

if (!values['no-build']) await buildSite()
// No runtime answers: pages render their "server unreachable" state, which ships the same scripts and styles.
const site = await startSite(`http://127.0.0.1:${await freePort()}`, await freePort())
// Encryption, background effects and RNNoise load only when used: the room page is measured without
// them (its first load: everything it loads before and at Join with no feature in use), and each is
// measured on its own (its modules, workers, worklets, wasm and model).
const measured = Object.fromEntries(
  await Promise.all(Object.entries(pages).map(async ([name, path]) => [name, await measurePage(site.url, path, { stopAt: anyFeatureChunk })] as const)),
)
const withFeatures = await measurePage(site.url, pages.room)
const roomFiles = new Set([...measured.room.initialJs, ...measured.room.lazyJs].map((asset) => asset.file))
const featureFiles = Object.fromEntries(
  await Promise.all(
    Object.entries(featureList).map(async ([name, feature]) => {
      const entries = withFeatures.lazyJs.map((asset) => asset.file).filter((file) => feature.chunks.test(file))
      const otherFeatures = new RegExp(
        Object.values(featureList)
          .filter((other) => other !== feature)
          .map((other) => other.chunks.source)
          .join('|'),
      )
      return [name, await measureFeature(site.url, entries, roomFiles, { fetched: feature.fetched, otherFeatures })] as const
    }),
  ),
)
await site.stop()

// What the room page's first load is made of, and what each feature adds to it, measured on builds
// with source maps: the feature's own modules found in first-load chunks, and SDK code bundled into
// them only for the feature (the first load of a build whose feature modules import nothing from
// their SDKs, subtracted from the real one). One build at a time: they are CPU-bound.
const mappedBuilds = join(root, 'node_modules/.cache/meet-page-weight')
async function firstLoadOf(without?: FeatureName) {
  const outDir = join(mappedBuilds, without ?? 'all')
  await rm(outDir, { recursive: true, force: true })
  await promisify(execFile)(process.execPath, ['scripts/page-weight/mapped-build.ts', outDir, ...(without ? ['--without', without] : [])], { cwd: root })
  return firstLoadOnDisk(
    join(outDir, 'client/_astro'),
    measured.room.initialJs.map((asset) => asset.file),
    anyFeatureChunk,
  )
}
const gzipOf = (chunks: FirstLoadChunk[]) => chunks.reduce((sum, chunk) => sum + chunk.comparableGzipBytes, 0)
const firstLoad = await firstLoadOf()
interface FeatureWeight {
  loadedWhen: string
  js: ReturnType<typeof total>
  wasmAndModels: ReturnType<typeof total>
  files: AssetSize[]
  addedToFirstLoad: {
    /** minified bytes of the feature's own modules (site/src, its packages) in first-load chunks */
    ownModules: { bytes: number; modules: Record<string, number> }
    /** gzip bytes of SDK code in the first load only for it (livekit-client is one module to the bundler) */
    sdkCodeGzipBytes: number
  }
}
const features: Record<string, FeatureWeight> = {}
for (const [name, feature] of Object.entries(featureList)) {
  const files = featureFiles[name]!
  const ownModules = Object.fromEntries(firstLoad.flatMap((chunk) => Object.entries(chunk.sources).filter(([source]) => feature.sources.test(source))))
  features[name] = {
    loadedWhen: feature.loadedWhen,
    js: total(files.filter((f) => f.file.endsWith('.js'))),
    wasmAndModels: total(files.filter((f) => !f.file.endsWith('.js'))),
    files,
    addedToFirstLoad: {
      ownModules: { bytes: Object.values(ownModules).reduce((sum, bytes) => sum + bytes, 0), modules: ownModules },
      sdkCodeGzipBytes: gzipOf(firstLoad) - gzipOf(await firstLoadOf(name as FeatureName)),
    },
  }
}

const summary = Object.fromEntries(
  Object.entries(measured).map(([name, page]) => [
    name,
    {
      path: page.path,
      initialJs: total(page.initialJs),
      allJs: total([...page.initialJs, ...page.lazyJs]),
      css: total(page.css),
      inline: page.inline,
    },
  ]),
)

const previous = await readFile(values.out!, 'utf8').then(JSON.parse, () => undefined)
const meetDir = values['meet-next-dir']
const livekitMeet = meetDir ? await measureMeet(meetDir) : previous?.livekitMeet

async function measureMeet(nextDir: string) {
  const { js, css } = await nextFirstLoad(nextDir, '/rooms/[roomName]/page')
  return {
    source:
      "github.com/livekit-examples/meet built with `next build` here; the /rooms/[roomName] page's First Load JS from .next/build-manifest.json (rootMainFiles) and app-build-manifest.json, gzip -9 per file",
    commit: process.env.MEET_COMMIT ?? null,
    measuredAt: new Date().toISOString(),
    firstLoadJs: total(js),
    css: total(css),
    files: js.length,
  }
}

const room = summary.room.allJs.gzipBytes
const result = {
  measuredAt: new Date().toISOString(),
  method:
    'built site served by node site/dist/server/entry.mjs; HTML fetched, every <script src> and its static and dynamic imports followed; sizes per file, gzip level 9',
  pages: summary,
  features,
  files: measured,
  /** the room page's first-load chunks, each with the source modules it holds (minified bytes, from source maps) */
  roomFirstLoad: firstLoad.map((chunk) => ({
    file: chunk.file,
    gzipBytes: chunk.gzipBytes,
    sources: Object.fromEntries(Object.entries(chunk.sources).sort(([, a], [, b]) => b - a)),
  })),
  livekitMeet: livekitMeet ?? null,
  comparison: livekitMeet
    ? {
        roomAllJsGzipBytes: room,
        livekitMeetFirstLoadJsGzipBytes: livekitMeet.firstLoadJs.gzipBytes,
        ratio: Number((room / livekitMeet.firstLoadJs.gzipBytes).toFixed(3)),
      }
    : null,
}
await mkdir(dirname(values.out!), { recursive: true })
await writeFile(values.out!, `${JSON.stringify(result, null, 2)}\n`)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
console.log(
  `room page JavaScript: ${kb(room)} gzip in all (${kb(summary.room.initialJs.gzipBytes)} in its script tag, the rest imported by it: pre-join at once, the room on Join)`,
)
if (livekitMeet) console.log(`LiveKit Meet room page First Load JS: ${kb(livekitMeet.firstLoadJs.gzipBytes)} gzip`)
for (const [name, feature] of Object.entries(features))
  console.log(
    `${name} (${feature.loadedWhen}): ${kb(feature.js.gzipBytes)} JS gzip, ${kb(feature.wasmAndModels.bytes)} wasm and models; added to the room page's first load: ${feature.addedToFirstLoad.ownModules.bytes} B of its own modules, ${feature.addedToFirstLoad.sdkCodeGzipBytes} B gzip of SDK code`,
  )
console.log(`written to ${values.out}`)
