// What each site page ships to a browser (bytes and gzip), for the benchmark results:
//   npm run bench:page-weight [-- --meet-next-dir /path/to/livekit-meet/.next]
// The room page is measured with everything it can load: its entry, the pre-join code and the room
// code fetched on Join. LiveKit Meet's figure is its room page's First Load JS from its own build.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { freePort } from '../native/free-port.ts'
import { startSite, buildSite } from '../native/site.ts'
import { measurePage, total } from './page-weight/asset-graph.ts'
import { nextFirstLoad } from './page-weight/next-first-load.ts'

const { values } = parseArgs({ options: { 'meet-next-dir': { type: 'string' }, out: { type: 'string', default: 'bench/results/page-weight.json' }, 'no-build': { type: 'boolean' } } })
const pages = { home: '/', room: '/rooms/page-weight', recordings: '/rooms/page-weight/recordings', status: '/status' }

if (!values['no-build']) await buildSite()
// No runtime answers: pages render their "server unreachable" state, which ships the same scripts and styles.
const site = await startSite(`http://127.0.0.1:${await freePort()}`, await freePort())
const measured = Object.fromEntries(
  await Promise.all(Object.entries(pages).map(async ([name, path]) => [name, await measurePage(site.url, path)] as const)),
)
await site.stop()

const summary = Object.fromEntries(
  Object.entries(measured).map(([name, page]) => [name, {
    path: page.path,
    initialJs: total(page.initialJs),
    allJs: total([...page.initialJs, ...page.lazyJs]),
    css: total(page.css),
    inline: page.inline,
  }]),
)

const previous = await readFile(values.out!, 'utf8').then(JSON.parse, () => undefined)
const meetDir = values['meet-next-dir']
const livekitMeet = meetDir ? await measureMeet(meetDir) : previous?.livekitMeet

async function measureMeet(nextDir: string) {
  const { js, css } = await nextFirstLoad(nextDir, '/rooms/[roomName]/page')
  return {
    source: 'github.com/livekit-examples/meet built with `next build` here; the /rooms/[roomName] page\'s First Load JS from .next/build-manifest.json (rootMainFiles) and app-build-manifest.json, gzip -9 per file',
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
  method: 'built site served by node site/dist/server/entry.mjs; HTML fetched, every <script src> and its static and dynamic imports followed; sizes per file, gzip level 9',
  pages: summary,
  files: measured,
  livekitMeet: livekitMeet ?? null,
  comparison: livekitMeet
    ? { roomAllJsGzipBytes: room, livekitMeetFirstLoadJsGzipBytes: livekitMeet.firstLoadJs.gzipBytes, ratio: Number((room / livekitMeet.firstLoadJs.gzipBytes).toFixed(3)) }
    : null,
}
await mkdir(dirname(values.out!), { recursive: true })
await writeFile(values.out!, `${JSON.stringify(result, null, 2)}\n`)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
console.log(`room page JavaScript: ${kb(room)} gzip in all (${kb(summary.room.initialJs.gzipBytes)} in its script tag, the rest imported by it: pre-join at once, the room on Join)`)
if (livekitMeet) console.log(`LiveKit Meet room page First Load JS: ${kb(livekitMeet.firstLoadJs.gzipBytes)} gzip`)
console.log(`written to ${values.out}`)
