// What each site page ships to a browser (bytes and gzip), for the benchmark results:
//   npm run bench:page-weight [-- --meet-next-dir /path/to/livekit-meet/.next]
// The room page is measured with everything it can load: its entry, the pre-join code and the room
// code fetched on Join. LiveKit Meet's figure is its room page's First Load JS from its own build.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { freePort } from '../native/free-port.ts'
import { startSite, buildSite } from '../native/site.ts'
import { measureFeature, measurePage, total } from './page-weight/asset-graph.ts'
import { nextFirstLoad } from './page-weight/next-first-load.ts'

const { values } = parseArgs({
  options: { 'meet-next-dir': { type: 'string' }, out: { type: 'string', default: 'bench/results/page-weight.json' }, 'no-build': { type: 'boolean' } },
})
const pages = { home: '/', room: '/rooms/page-weight', recordings: '/rooms/page-weight/recordings', status: '/status' }
const featureWhen = {
  encryption: 'joining an end-to-end encrypted meeting',
  background: 'picking blur or a virtual background',
  noise: 'noise suppression on (the default, where the browser runs it)',
}

if (!values['no-build']) await buildSite()
// No runtime answers: pages render their "server unreachable" state, which ships the same scripts and styles.
const site = await startSite(`http://127.0.0.1:${await freePort()}`, await freePort())
// Encryption, background effects and RNNoise load only when used: the room page is measured without
// them, and each is measured on its own (its modules, workers, worklets, wasm and model).
const featureModules = {
  encryption: /\/_astro\/(encryption|encrypted-chat)\.[\w-]+\.js$/,
  background: /\/_astro\/background\.[\w-]+\.js$/,
  noise: /\/_astro\/noise\.[\w-]+\.js$/,
}
const anyFeature = new RegExp(
  Object.values(featureModules)
    .map((pattern) => pattern.source)
    .join('|'),
)
const measured = Object.fromEntries(
  await Promise.all(Object.entries(pages).map(async ([name, path]) => [name, await measurePage(site.url, path, { stopAt: anyFeature })] as const)),
)
const withFeatures = await measurePage(site.url, pages.room)
const roomFiles = new Set([...measured.room.initialJs, ...measured.room.lazyJs].map((asset) => asset.file))
const mediaPipe = ['/media/tasks-vision/vision_wasm_internal.js', '/media/tasks-vision/vision_wasm_internal.wasm', '/media/models/selfie_segmentation.tflite']
const features = Object.fromEntries(
  await Promise.all(
    Object.entries(featureModules).map(async ([name, pattern]) => {
      const entries = withFeatures.lazyJs.map((asset) => asset.file).filter((file) => pattern.test(file))
      const files = await measureFeature(site.url, entries, roomFiles, name === 'background' ? mediaPipe : [])
      return [
        name,
        {
          loadedWhen: featureWhen[name as keyof typeof featureWhen],
          js: total(files.filter((f) => f.file.endsWith('.js'))),
          wasmAndModels: total(files.filter((f) => !f.file.endsWith('.js'))),
          files,
        },
      ] as const
    }),
  ),
)
await site.stop()

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
    `${name} (${feature.loadedWhen}): ${kb(feature.js.gzipBytes)} JS gzip, ${kb(feature.wasmAndModels.bytes)} wasm and models, none of it in the room page's first load`,
  )
console.log(`written to ${values.out}`)
