// npm run bench:room [-- --meet-dir /path/to/livekit-meet] — the room page's main thread with 12 people publishing video.
// Twelve rtc-node publishers (synthetic 160×90 video at 10 fps) join one meeting; Debian's Chromium
// joins it through the built site and is watched for SECONDS: long tasks (PerformanceObserver) and
// the renderer's CPU time per second (DevTools' Performance.getMetrics TaskDuration). Written to
// bench/results/room-page.json and .md, next to (not into) npm run bench's results.
//
// With --meet-dir, the same Chromium then leaves and joins the same room, with the same publishers,
// through LiveKit Meet's room page (github.com/livekit-examples/meet, served by its own `next start`
// against the same livekit-server), and is watched the same way. Build Meet outside this repository:
//   git clone https://github.com/livekit-examples/meet /tmp/meet-src && cd /tmp/meet-src
//   npx pnpm@10.18.2 install --frozen-lockfile --ignore-scripts && npx next build
// (its two background images are Git LFS objects: without git-lfs, put any JPEG in their place; they
// show only in its settings menu). --meet-commit and --meet-build record which Meet it was and how it
// was built when the folder is not a git checkout. Without --meet-dir the last Meet figures are kept.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { dispose } from '@livekit/rtc-node'
import { describeMachine } from './machine.ts'
import { startBenchSite, startBenchStack } from './stack.ts'
import { recordLongTasks, videosPlaying, watchMainThread, type MainThreadFigures } from './room-page-watch.ts'
import { joinMeetRoom, startLivekitMeet } from './livekit-meet.ts'
import { publishSyntheticCamera } from './synthetic-camera.ts'
import { ApiClient } from '../native/api-client.ts'
import { launchChromium, viewports } from '../native/chromium.ts'

const PUBLISHERS = 12
const SECONDS = 20
const SETTLE_MS = 3000 // let subscriptions and layout settle before measuring
const RESULTS = 'bench/results/room-page.json'
const { values: args } = parseArgs({ options: { 'meet-dir': { type: 'string' }, 'meet-commit': { type: 'string' }, 'meet-build': { type: 'string' } } })
const log = (line: string) => process.stdout.write(`[bench:room] ${line}\n`)

interface MeetFigures extends MainThreadFigures {
  source: string
  commit: string
  build: string
  tilesPlaying: number
}

const previousMeet = async (): Promise<MeetFigures | string> =>
  JSON.parse(await readFile(RESULTS, 'utf8').catch(() => '{}')).livekitMeet ?? 'not measured: run with --meet-dir (see bench/room-page.ts)'

const machine = describeMachine()
const stack = await startBenchStack()
const stops: Array<() => Promise<void>> = []
try {
  const { runtime, site } = await startBenchSite(stack, stops)
  const host = new ApiClient(runtime.url)
  const roomName = 'bench-twelve'
  await host.post('/meetings', { roomName })
  for (let i = 0; i < PUBLISHERS; i++) stops.push(await publishSyntheticCamera(new ApiClient(runtime.url), roomName, `Publisher ${i + 1}`, { dynacast: true }))
  log(`${PUBLISHERS} publishers in ${roomName}`)

  const browser = await launchChromium()
  stops.push(() => browser.close())
  const context = await browser.newContext({ viewport: viewports.desktop })
  await recordLongTasks(context)
  const page = await context.newPage()
  const started = new Date().toISOString()
  await page.goto(`${site.url}/rooms/${roomName}`)
  await page.fill('#display-name', 'Watcher')
  await page.click('#join-button')
  await page.locator('#room').waitFor({ state: 'visible', timeout: 60_000 })
  await page.waitForFunction((n) => document.querySelectorAll('#grid .tile[data-camera="on"]').length >= n, PUBLISHERS, { timeout: 60_000 })
  await sleep(SETTLE_MS)
  const ours = await watchMainThread(page, SECONDS)
  const playing = await videosPlaying(page, '#grid')
  // Leaves the room, so Meet's page sees the same twelve publishers and nobody else.
  await context.close()

  let livekitMeet: MeetFigures | string = await previousMeet()
  if (args['meet-dir']) {
    const meet = await startLivekitMeet(args['meet-dir'], stack.services)
    stops.push(meet.stop)
    log(`LiveKit Meet from ${meet.dir} at ${meet.url}`)
    await sleep(SETTLE_MS)
    const meetContext = await browser.newContext({ viewport: viewports.desktop })
    await recordLongTasks(meetContext)
    const meetPage = await meetContext.newPage()
    await joinMeetRoom(meetPage, meet, roomName, 'Watcher')
    await meetPage.waitForFunction(
      (n) => [...document.querySelectorAll<HTMLVideoElement>('.lk-video-conference video')].filter((v) => v.videoWidth > 0).length >= n,
      PUBLISHERS,
      { timeout: 60_000 },
    )
    await sleep(SETTLE_MS)
    const figures = await watchMainThread(meetPage, SECONDS)
    livekitMeet = {
      source: 'github.com/livekit-examples/meet, its /rooms/[roomName] page served by `next start` (production build) against the same livekit-server',
      commit: meet.commit ?? args['meet-commit'] ?? 'unknown (not a git checkout; pass --meet-commit)',
      build: args['meet-build'] ?? 'npx pnpm@10.18.2 install --frozen-lockfile --ignore-scripts && npx next build',
      tilesPlaying: await videosPlaying(meetPage, '.lk-video-conference'),
      ...figures,
    }
    await meetContext.close()
  }

  const result = {
    startedAt: started,
    machine,
    publishers: PUBLISHERS,
    video: '160x90 at 10 fps (rtc-node VideoSource)',
    seconds: ours.seconds,
    tilesPlaying: playing,
    mainThreadCpuMsPerSecond: ours.mainThreadCpuMsPerSecond,
    longTasks: ours.longTasks,
    loadAverage: ours.loadAverage,
    livekitMeet,
  }
  log(JSON.stringify(result))
  await mkdir('bench/results', { recursive: true })
  await writeFile(RESULTS, JSON.stringify(result, null, 2) + '\n')
  await writeFile('bench/results/room-page.md', markdown(result))
  log('written to bench/results/room-page.json and room-page.md')
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined)
  await stack.stop()
  // rtc-node's native side keeps the process alive otherwise.
  await dispose()
}

function markdown(result: MainThreadFigures & { startedAt: string; video: string; tilesPlaying: number; livekitMeet: MeetFigures | string }) {
  const meet = typeof result.livekitMeet === 'string' ? undefined : result.livekitMeet
  const tasks = (t: MainThreadFigures['longTasks']) => `${t.count}, ${t.totalMs} ms in all, longest ${t.maxMs} ms`
  const row = (figure: string, ours: string | number, theirs: string | number | undefined) => `| ${figure} | ${ours} | ${theirs ?? '–'} |\n`
  return (
    `# Room page with ${PUBLISHERS} people publishing video\n\n` +
    `\`npm run bench:room${meet ? ' -- --meet-dir …' : ''}\`, ${result.startedAt}, ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}.\n\n` +
    `${PUBLISHERS} rtc-node publishers (${result.video}) and one Chromium (Debian's, desktop 1280×800) on the room page, watched for ${result.seconds} s ` +
    `after ${SETTLE_MS / 1000} s to settle${meet ? "; then the same Chromium left and joined the same room, with the same publishers, through LiveKit Meet's room page, watched the same way" : ''}.\n\n` +
    `| figure | this site | LiveKit Meet |\n| --- | --- | --- |\n` +
    row('tiles playing video (yours included)', result.tilesPlaying, meet?.tilesPlaying) +
    row(
      'renderer main thread CPU (DevTools TaskDuration)',
      `${result.mainThreadCpuMsPerSecond} ms per second`,
      meet && `${meet.mainThreadCpuMsPerSecond} ms per second`,
    ) +
    row('long tasks (over 50 ms)', tasks(result.longTasks), meet && tasks(meet.longTasks)) +
    row('machine load (1 min) as the watch began', result.loadAverage, meet?.loadAverage) +
    '\n' +
    (meet
      ? `LiveKit Meet: ${meet.source}; commit ${meet.commit}, built with: ${meet.build}. Nothing of it is in this repository.\n\n`
      : `LiveKit Meet: ${result.livekitMeet}\n\n`) +
    `The CPU figure moves with the machine's load (other work shares its two cores): compare figures from the same run.\n`
  )
}
