// npm run bench:join — how long joining feels, and what blur costs. One rtc-node participant
// publishes a camera (160×90, 10 fps); Debian's Chromium opens the meeting through the built site and
// presses Join, JOINS times with no background effect and JOINS times with blur. Measured in the page:
// performance marks from pressing Join (`meet:join`) to the first painted frame of the remote camera
// (`meet:first-remote-frame`, requestVideoFrameCallback). Then, joined once each way, the renderer's
// main-thread CPU per second (DevTools TaskDuration) over SECONDS. Written to bench/results/join-time.{json,md}.
// With --meet-dir (a LiveKit Meet built outside this repository, see bench/room-page.ts), the same is
// measured on Meet's room page against the same livekit-server, with the same remote camera, its joins alternating with ours: a click
// on its Join button to the first painted frame of a remote participant's video.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'
import { dispose } from '@livekit/rtc-node'
import type { Browser } from 'playwright-core'
import { describeMachine } from './machine.ts'
import { startBenchSite, startBenchStack } from './stack.ts'
import { round } from './stats.ts'
import { ApiClient } from '../native/api-client.ts'
import { launchChromium, viewports } from '../native/chromium.ts'
import { startLivekitMeet, type RunningMeet } from './livekit-meet.ts'
import { publishSyntheticCamera } from './synthetic-camera.ts'

const { values: args } = parseArgs({ options: { 'meet-dir': { type: 'string' } } })

const JOINS = Number(process.env.JOINS ?? 5)
const SECONDS = 15
const log = (line: string) => process.stdout.write(`[bench:join] ${line}\n`)

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** One visit: a fresh browser profile with the given background, Join pressed, the measure read back. */
async function join(browser: Browser, url: string, background: string, { watchSeconds = 0 } = {}) {
  const context = await browser.newContext({ viewport: viewports.desktop })
  await context.addInitScript((prefs) => localStorage.setItem('meet:preferences', JSON.stringify(prefs)), { background, displayName: 'Bench' })
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('#join-button:not([disabled])').waitFor()
  await page.click('#join-button')
  const handle = await page.waitForFunction(() => performance.getEntriesByName('meet:join-to-first-remote-frame')[0]?.duration, null, {
    timeout: 240_000,
    polling: 100,
  })
  const joinMs = (await handle.jsonValue()) as number
  let cpuMsPerSecond: number | undefined
  if (watchSeconds) {
    await sleep(3000)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value
    const before = await taskSeconds()
    const started = Date.now()
    await sleep(watchSeconds * 1000)
    cpuMsPerSecond = (((await taskSeconds()) - before) * 1000) / ((Date.now() - started) / 1000)
  }
  await context.close()
  return { joinMs, cpuMsPerSecond }
}

/** The same measure on LiveKit Meet's page: marks set by an init script, since Meet has none of its own. */
async function joinMeet(browser: Browser, meet: RunningMeet, roomName: string) {
  const context = await browser.newContext({ viewport: viewports.desktop })
  await context.addInitScript(() => {
    addEventListener(
      'click',
      (event) => {
        if ((event.target as Element | null)?.closest?.('button.lk-join-button')) performance.mark('meet:join')
      },
      true,
    )
    let done = false
    new MutationObserver(() => {
      for (const video of document.querySelectorAll<HTMLVideoElement>('.lk-participant-tile[data-lk-local-participant="false"] video')) {
        if (video.dataset.benchWatched) continue
        video.dataset.benchWatched = '1'
        video.requestVideoFrameCallback(() => {
          if (done || !performance.getEntriesByName('meet:join').length) return
          done = true
          performance.measure('meet:join-to-first-remote-frame', 'meet:join')
        })
      }
    }).observe(document, { childList: true, subtree: true })
  })
  const page = await context.newPage()
  await page.goto(`${meet.url}/rooms/${roomName}`)
  await page.fill('#username', 'Bench')
  await page.click('button.lk-join-button')
  const handle = await page.waitForFunction(() => performance.getEntriesByName('meet:join-to-first-remote-frame')[0]?.duration, null, {
    timeout: 120_000,
    polling: 100,
  })
  const joinMs = (await handle.jsonValue()) as number
  await context.close()
  return joinMs
}

const machine = describeMachine()
const stack = await startBenchStack()
const stops: Array<() => Promise<void>> = []
try {
  const { runtime, site } = await startBenchSite(stack, stops)
  const roomName = 'bench-join'
  await new ApiClient(runtime.url).post('/meetings', { roomName })
  stops.push(await publishSyntheticCamera(new ApiClient(runtime.url), roomName, 'Camera'))
  const browser = await launchChromium()
  stops.push(() => browser.close())
  const url = `${site.url}/rooms/${roomName}`

  // Meet's joins alternate with ours (without effects): a machine that gets busier or quieter
  // during the run then weighs on both alike, instead of on whichever ran second.
  const meet = args['meet-dir'] ? await startLivekitMeet(args['meet-dir'], stack.services) : undefined
  if (meet) stops.push(meet.stop)
  const meetJoinsMs: number[] = []

  const modes = { 'no effect': 'none', blur: 'blur' } as const
  const results: Record<string, { joinsMs: number[]; medianMs: number; p90Ms: number; cpuMsPerSecond: number }> = {}
  for (const [name, background] of Object.entries(modes)) {
    const alongside = meet && background === 'none' ? meet : undefined
    // One join first, not counted: a server process's first request (JIT, connection pools) is no user's join.
    await join(browser, url, background)
    if (alongside) await joinMeet(browser, alongside, roomName)
    const joinsMs: number[] = []
    for (let i = 0; i < JOINS; i++) {
      joinsMs.push(round((await join(browser, url, background)).joinMs, 0))
      log(`${name}: join ${i + 1}/${JOINS} ${joinsMs.at(-1)} ms`)
      if (!alongside) continue
      meetJoinsMs.push(round(await joinMeet(browser, alongside, roomName), 0))
      log(`LiveKit Meet: join ${i + 1}/${JOINS} ${meetJoinsMs.at(-1)} ms`)
    }
    const { cpuMsPerSecond } = await join(browser, url, background, { watchSeconds: SECONDS })
    results[name] = { joinsMs, medianMs: percentile(joinsMs, 50), p90Ms: percentile(joinsMs, 90), cpuMsPerSecond: round(cpuMsPerSecond!, 1) }
    log(`${name}: median ${results[name].medianMs} ms, p90 ${results[name].p90Ms} ms, ${results[name].cpuMsPerSecond} ms CPU per second`)
  }

  const previous = JSON.parse(await readFile('bench/results/join-time.json', 'utf8').catch(() => '{}')).livekitMeet
  let livekitMeet: unknown = previous ?? 'not measured: run with --meet-dir (a LiveKit Meet built outside this repository, see bench/room-page.ts)'
  if (meet) {
    livekitMeet = {
      source: "github.com/livekit-examples/meet's /rooms/[roomName] page, `next start` against the same livekit-server",
      commit: meet.commit ?? 'unknown',
      joinsMs: meetJoinsMs,
      medianMs: percentile(meetJoinsMs, 50),
      p90Ms: percentile(meetJoinsMs, 90),
    }
    log(`LiveKit Meet: median ${percentile(meetJoinsMs, 50)} ms, p90 ${percentile(meetJoinsMs, 90)} ms`)
  }

  // Load when it started and when it ended: other work on the machine slows joins for ours and Meet alike.
  const loadAtEnd = Math.round(loadavg()[0]! * 100) / 100
  const busy = Math.max(machine.loadAverage[0]!, loadAtEnd) >= machine.cores
  const result = {
    measuredAt: new Date().toISOString(),
    machine,
    loadAverageAtEnd: loadAtEnd,
    method: `Chromium (Debian's, headless, fake camera and microphone, software WebGL) presses Join ${JOINS} times per mode (after one join that is not counted, for ours and for Meet alike), each in a fresh profile, with Meet's joins alternating with ours without effects; join = performance.measure from pressing Join to the first painted frame of the remote camera. CPU = renderer main-thread TaskDuration per second over ${SECONDS} s, joined.`,
    remote: 'one rtc-node camera, 160x90 at 10 fps',
    modes: results,
    livekitMeet,
  }
  await mkdir('bench/results', { recursive: true })
  await writeFile('bench/results/join-time.json', JSON.stringify(result, null, 2) + '\n')
  const meetRow =
    typeof livekitMeet === 'object' && livekitMeet
      ? `\n| LiveKit Meet (no effect) | ${(livekitMeet as { medianMs: number }).medianMs} ms | ${(livekitMeet as { p90Ms: number }).p90Ms} ms | not measured |`
      : ''
  const rows =
    Object.entries(results)
      .map(([name, r]) => `| ${name} | ${r.medianMs} ms | ${r.p90Ms} ms | ${r.cpuMsPerSecond} ms |`)
      .join('\n') + meetRow
  await writeFile(
    'bench/results/join-time.md',
    `# Join time and the cost of blur\n\n\`npm run bench:join\`, ${result.measuredAt}, ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}.\n\n` +
      `${result.method}\n\n| background | join, median | join, p90 | main thread CPU per second |\n| --- | --- | --- | --- |\n${rows}\n\n` +
      `${busy ? `Load average ${machine.loadAverage[0]} at the start and ${loadAtEnd} at the end, on ${machine.cores} cores (the benchmark's own Chromium, servers and services count in it): the figures are noisier than on an idle machine, for ours and Meet alike.\n\n` : ''}` +
      `Blur here runs MediaPipe on the CPU and composites in software WebGL (no GPU on this machine): on a device with a GPU both are far cheaper. LiveKit Meet: ${typeof livekitMeet === 'string' ? livekitMeet : `${(livekitMeet as { source: string }).source}, commit ${(livekitMeet as { commit: string }).commit}; nothing of it is in this repository`}.\n`,
  )
  log('written to bench/results/join-time.json and join-time.md')
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined)
  await stack.stop()
  await dispose()
}
