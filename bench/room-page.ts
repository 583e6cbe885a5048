// npm run bench:room — the room page's main thread with 12 people publishing video.
// Twelve rtc-node publishers (synthetic 160×90 video at 10 fps) join one meeting; Debian's Chromium
// joins it through the built site and is watched for SECONDS: long tasks (PerformanceObserver) and
// the renderer's CPU time per second (DevTools' Performance.getMetrics TaskDuration). Written to
// bench/results/room-page.json and .md, next to (not into) npm run bench's results.
import { mkdir, writeFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { dispose, LocalVideoTrack, Room, TrackPublishOptions, TrackSource, VideoBufferType, VideoFrame, VideoSource } from '@livekit/rtc-node'
import { describeMachine } from './machine.ts'
import { startBenchStack } from './stack.ts'
import { round } from './stats.ts'
import { freePort } from '../native/free-port.ts'
import { startRuntime } from '../native/runtime.ts'
import { ApiClient } from '../native/api-client.ts'
import { startSite, ensureSiteBuilt } from '../native/site.ts'
import { launchChromium, viewports } from '../native/chromium.ts'

const PUBLISHERS = 12
const SECONDS = 20
const log = (line: string) => process.stdout.write(`[bench:room] ${line}\n`)

/** One synthetic camera: a moving grey bar on 160×90, ten frames a second. */
async function publisher(client: ApiClient, roomName: string, index: number) {
  await client.put('/session', { displayName: `Publisher ${index + 1}` })
  const { body } = await client.post('/token', { roomName })
  const room = new Room()
  await room.connect(body.serverUrl, body.participantToken, { autoSubscribe: false, dynacast: true })
  const source = new VideoSource(160, 90)
  const track = LocalVideoTrack.createVideoTrack('camera', source)
  await room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }))
  const data = new Uint8Array(160 * 90 * 4)
  let frame = 0
  const timer = setInterval(() => {
    data.fill(40)
    const x = (frame++ * 4) % 160
    for (let y = 0; y < 90; y++) data.fill(220, (y * 160 + x) * 4, (y * 160 + Math.min(160, x + 16)) * 4)
    source.captureFrame(new VideoFrame(data, 160, 90, VideoBufferType.RGBA))
  }, 100)
  return async () => {
    clearInterval(timer)
    await room.disconnect()
  }
}

const machine = describeMachine()
const stack = await startBenchStack()
const stops: Array<() => Promise<void>> = []
try {
  await ensureSiteBuilt()
  const sitePort = await freePort()
  const runtime = await startRuntime(stack.services, { PUBLIC_URL: `http://127.0.0.1:${sitePort}` })
  stops.push(async () => void (await runtime.stop()))
  const site = await startSite(runtime, sitePort)
  stops.push(async () => void (await site.stop()))
  const host = new ApiClient(runtime.url)
  const roomName = 'bench-twelve'
  await host.post('/meetings', { roomName })
  for (let i = 0; i < PUBLISHERS; i++) stops.push(await publisher(new ApiClient(runtime.url), roomName, i))
  log(`${PUBLISHERS} publishers in ${roomName}`)

  const browser = await launchChromium()
  stops.push(() => browser.close())
  const page = await (await browser.newContext({ viewport: viewports.desktop })).newPage()
  await page.addInitScript(() => {
    const tasks: number[] = []
    ;(window as unknown as { longTasks: number[] }).longTasks = tasks
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: true })
  })
  await page.goto(`${site.url}/rooms/${roomName}`)
  await page.fill('#display-name', 'Watcher')
  await page.click('#join-button')
  await page.locator('#room').waitFor({ state: 'visible', timeout: 60_000 })
  await page.waitForFunction((n) => document.querySelectorAll('#grid .tile[data-camera="on"]').length >= n, PUBLISHERS, { timeout: 60_000 })
  await sleep(3000) // let subscriptions and layout settle before measuring

  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value
  await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0))
  const before = await taskSeconds()
  const started = Date.now()
  await sleep(SECONDS * 1000)
  const after = await taskSeconds()
  const elapsed = (Date.now() - started) / 1000
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.slice())
  const playing = await page.evaluate(() => [...document.querySelectorAll<HTMLVideoElement>('#grid video')].filter((v) => v.videoWidth > 0).length)

  const result = {
    startedAt: new Date(started).toISOString(),
    machine,
    publishers: PUBLISHERS,
    video: '160x90 at 10 fps (rtc-node VideoSource)',
    seconds: round(elapsed, 1),
    tilesPlaying: playing,
    mainThreadCpuMsPerSecond: round(((after - before) * 1000) / elapsed, 1),
    longTasks: { count: longTasks.length, totalMs: round(longTasks.reduce((a, b) => a + b, 0), 0), maxMs: round(Math.max(0, ...longTasks), 0) },
    livekitMeet: 'not measured: LiveKit Meet (Next.js) is not built in this repository',
  }
  log(JSON.stringify(result))
  await mkdir('bench/results', { recursive: true })
  await writeFile('bench/results/room-page.json', JSON.stringify(result, null, 2) + '\n')
  await writeFile(
    'bench/results/room-page.md',
    `# Room page with ${PUBLISHERS} people publishing video\n\n` +
      `\`npm run bench:room\`, ${result.startedAt}, ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}.\n\n` +
      `${PUBLISHERS} rtc-node publishers (${result.video}) and one Chromium (Debian's, desktop 1280×800) on the room page, watched for ${result.seconds} s.\n\n` +
      `| figure | value |\n| --- | --- |\n` +
      `| tiles playing video | ${result.tilesPlaying} |\n` +
      `| renderer main thread CPU (DevTools TaskDuration) | ${result.mainThreadCpuMsPerSecond} ms per second |\n` +
      `| long tasks (over 50 ms) | ${result.longTasks.count}, ${result.longTasks.totalMs} ms in all, longest ${result.longTasks.maxMs} ms |\n` +
      `| LiveKit Meet's room page | ${result.livekitMeet} |\n\n` +
      `The CPU figure moves with the machine's load (other work shares its two cores): compare runs made at a similar load.\n`,
  )
  log('written to bench/results/room-page.json and room-page.md')
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined)
  await stack.stop()
  // rtc-node's native side keeps the process alive otherwise.
  await dispose()
}
