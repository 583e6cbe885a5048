import type { Results } from './results.ts'
import type { Spread } from '../stats.ts'
import { targets } from './targets.ts'
import { throughputSection } from './throughput-section.ts'
import { FINDINGS } from './findings.ts'
import { capacitySection } from './capacity-section.ts'

const range = (s: Spread, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/** results.md: what was measured, how, on what, and each target met or not. */
export function resultsMarkdown(r: Results): string {
  return (
    [header(r), targetsSection(r), FINDINGS, throughputSection(r), startupSection(r), memorySection(r), webhookSection(r), siteSection(r), capacitySection(r)]
      .filter(Boolean)
      .join('\n\n') + '\n'
  )
}

function header(r: Results): string {
  const m = r.machine
  return `# Benchmark results

Made by \`${r.command}\` (harness in [\`bench/\`](../)), started ${r.startedAt}.

| machine | |
| --- | --- |
| CPU | ${m.cpu}, ${m.cores} cores |
| memory | ${m.memoryGiB} GiB (${m.freeMemoryGiB} GiB free at start) |
| OS, Node | ${m.os}, Node ${m.node} |
| load average (1, 5, 15 min) | ${m.loadAverage.join(', ')} at start; ${r.finishedLoad.join(', ')} at the end |
| placement | ${r.pinned ? 'server under test pinned to core 0 (taskset); load generator, PostgreSQL, Redis, MiniStack and LiveKit on core 1' : 'not pinned (taskset or a second core missing)'} |

${r.earlier ? `Sections not in this run (${r.earlier.sections.join(', ')}) are from \`${r.earlier.command}\`, started ${r.earlier.startedAt}, load average ${r.earlier.loadAverage.join(', ')} at start and ${r.earlier.finishedLoad.join(', ')} at the end.\n\n` : ''}All traffic on loopback. The machine was shared with other work during the run when the load average is above ~1.5:
read ratios (measured side by side, rounds interleaved) with more trust than absolute numbers.`
}

function targetsSection(r: Results): string {
  const rows = targets(r).map((t) => `| ${t.target} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'met' : '**missed**'} |`)
  return `## Targets\n\n| target | measured | |\n| --- | --- | --- |\n${rows.join('\n')}`
}

function startupSection(r: Results): string {
  const s = r.startup
  if (!s) return ''
  const rows = [
    `| real set, compile cache off (NODE_DISABLE_COMPILE_CACHE=1) | ${range(s.withoutCompileCacheMs)} | |`,
    ...s.byGeneratedFiles.map((b) => `| real set + ${b.generatedFiles} | ${range(b.readyMs)} | ${b.readyCpuMs ? range(b.readyCpuMs) : ''} |`),
  ]
  return `## Start-up

From process start (\`node runtime/main.ts\`, NODE_ENV=production) to the first 200 from \`/health/ready\`,
against a migrated database; ${s.rounds} rounds each, median (min–max). The runtime turns on V8's compile
cache (\`module.enableCompileCache()\`), so every start after the first reuses compiled code; the first row
shows a start without it. Generated files are real function files (h3 handler, valibot, a database
query), each its own route. The CPU column is the server's own user + system time up to ready (10 ms
ticks), which a busy machine inflates far less than wall time.

| function files | ready after (ms) | CPU to ready (ms) |
| --- | --- | --- |
${rows.join('\n')}

Each extra function file adds **${s.msPerFile} ms** (least-squares slope over the medians).`
}

// Names from results written before memory.ts read executable names (comm is truncated, Node's is its thread's).
const LABELS: Record<string, string> = { MainThread: 'node (the runtime)', 'livekit-server-': 'livekit-server', node: 'node (the runtime)' }

function memorySection(r: Results): string {
  const m = r.memory
  if (!m) return ''
  const names = [...new Set([...Object.keys(m.stackIdleMiB), ...Object.keys(m.stackLoadedMiB)])].sort()
  const rows = names.map((n) => `| ${LABELS[n] ?? n} | ${(m.stackIdleMiB[n] ?? 0).toFixed(1)} | ${(m.stackLoadedMiB[n] ?? 0).toFixed(1)} |`)
  const idle = r.throughput
    ? Object.entries(r.throughput.apps)
        .map(([name, a]) => `| ${name} | ${a.idleRssMiB} | ${a.loadedRssMiB} |`)
        .join('\n')
    : ''
  return `## Memory

The runtime alone: RSS **${m.runtimeIdleRssMiB} MiB** idle, **${m.runtimeLoadedRssMiB} MiB** at the peak of 10 s of \`POST /token\` load.
${idle ? `\nEvery app of the throughput run (RSS, MiB):\n\n| app | idle | peak under load |\n| --- | --- | --- |\n${idle}\n` : ''}
The whole native stack (proportional set size, so shared pages count once), idle and under the same load:

| program | idle (MiB) | under load (MiB) |
| --- | --- | --- |
${rows.join('\n')}
| **total** | **${m.stackIdleTotalMiB}** | **${m.stackLoadedTotalMiB}** |

Against the Oracle Always Free A1 budget of 24 GB (${m.budgetMiB} MiB): ${((m.stackLoadedTotalMiB / m.budgetMiB) * 100).toFixed(1)} % under load.
Egress (Chrome-based recording) and Caddy are not part of this native stack and are not measured here.`
}

function webhookSection(r: Results): string {
  const w = r.webhooks
  if (!w) return ''
  const statuses = Object.entries(w.statuses)
    .map(([s, n]) => `${n}× ${s === '0' ? 'no answer' : s}`)
    .join(', ')
  return `## Webhooks under load

${w.uniqueEvents} signed LiveKit events (a join and a leave for each of ${w.uniqueEvents / 2} participants), every one sent twice,
all shuffled (leaves before joins, duplicates anywhere), posted by ${w.concurrency} concurrent senders.

| deliveries | time | rate | answers | events stored | lost | participants stored / with left_at | still listed live |
| --- | --- | --- | --- | --- | --- | --- | --- |
| ${w.deliveries} | ${w.seconds} s | **${w.deliveriesPerSecond}/s** | ${statuses} | ${w.storedEvents} | **${w.lostEvents}** | ${w.participantsStored} / ${w.participantsWithLeftAt} | ${w.stillListedLive} |`
}

/** The in-meeting features, each loaded only when used, and what each adds to the room page's first load. */
function featuresTable(features: NonNullable<NonNullable<Results['site']>['pageWeight']>['features']): string {
  if (!features) return ''
  const rows = Object.entries(features).map(([name, f]) => {
    const added = f.addedToFirstLoad
      ? `${f.addedToFirstLoad.ownModules.bytes} B of its own code, ${f.addedToFirstLoad.sdkCodeGzipBytes} B gzip of SDK code`
      : 'not measured'
    return `| ${name} | ${f.loadedWhen} | ${kib(f.js.gzipBytes)} | ${kib(f.wasmAndModels.bytes)} | ${added} |`
  })
  return `

In-meeting features, each loaded only when used. "Added to the first load" is measured on builds with source maps: the
feature's own modules found in the room page's first-load chunks, and SDK code bundled there only for it (the first load
of a build whose feature modules import nothing from their SDKs, subtracted).

| feature | loaded when | JS (gzip) | wasm and models | added to the room page's first load |
| --- | --- | --- | --- | --- |
${rows.join('\n')}`
}

function siteSection(r: Results): string {
  const s = r.site
  if (!s) return ''
  const pw = s.pageWeight
  const weight = pw
    ? `JavaScript each page ships, gzip -9, from \`npm run bench:page-weight\` (${pw.measuredAt}; ${pw.method}):

| page | script tag | all JS it loads (the room: up to and at Join, no feature in use) | CSS |
| --- | --- | --- | --- |
${Object.entries(pw.pages)
  .map(([name, p]) => `| ${name} (\`${p.path}\`) | ${kib(p.initialJs.gzipBytes)} | ${kib(p.allJs.gzipBytes)} | ${kib(p.css.gzipBytes)} |`)
  .join('\n')}
| LiveKit Meet room page (First Load JS) | ${pw.livekitMeet ? kib(pw.livekitMeet.firstLoadJs.gzipBytes) : 'pending: not built here yet'} | | |${featuresTable(pw.features)}`
    : 'Page weight: **pending** (`npm run bench:page-weight` has not written bench/results/page-weight.json yet).'
  const render = s.firstRender
    ? `\n\nTime to first render of the room page (\`${s.firstRender.page}\`, pre-join) in Debian's Chromium, built site in front of the runtime, fresh browser context each round (${s.firstRender.rounds} rounds): first contentful paint **${range(s.firstRender.firstContentfulPaintMs)} ms**, load event ${range(s.firstRender.loadMs)} ms. LiveKit Meet publishes no first-render figure; none was measured for it here.`
    : ''
  return `## Site\n\n${weight}${render}`
}
