import { setTimeout as sleep } from 'node:timers/promises'
import { loadavg } from 'node:os'
import { cpuSeconds, coreTimes } from './cpu.ts'
import { CLIENT_CORE, SERVER_CORE } from './pin.ts'
import { startCapacityServer, type CapacityServer } from './capacity-server.ts'
import { joinParticipant, type BenchParticipant, type ParticipantKind } from './capacity-participant.ts'
import { flowBetween, snapshot, type MediaFlow } from './capacity-stats.ts'
import { round } from './stats.ts'
import { AUDIO_FRAME_MS, VIDEO } from './capacity-media.ts'

export interface CapacitySettings {
  /** meeting sizes to ramp through, per kind */
  ramps: Record<ParticipantKind, number[]>
  settleSeconds: number
  windowSeconds: number
  /** a step fails above this loss, or below 100 % minus this of the packets delivered */
  lossThresholdPercent: number
  /** a step fails when a core is busier than this share */
  cpuThreshold: number
}

interface CapacityStep {
  participants: number
  /** remote tracks every participant should receive: (participants − 1) × tracks each */
  forwardedStreams: number
  joinSeconds: number
  /** subscriptions established over those expected when the window started */
  subscribed: number
  /** livekit-server's CPU time over the window, as a share of its one core */
  serverCpu: number
  /** the server core's busy share, every process on it: above serverCpu when other work ran there */
  serverCoreBusy: number
  /** this process (every client) as a share of one core */
  clientCpu: number
  clientCoreBusy: number
  audio: MediaFlow
  video?: MediaFlow
  /** why the ramp stopped here; empty when the step was within every limit */
  limits: string[]
}

export interface CapacityRun {
  kind: ParticipantKind
  tracksPerParticipant: number
  steps: CapacityStep[]
  /** the largest meeting within every limit */
  carried: number
  limitedBy: string
  /**
   * From the largest step carried: server CPU per forwarded stream (% of a core), and the meeting
   * size and total forwarded streams that would fill 90 % of the core at that cost (extrapolated),
   * and the packets it sent out per second of its CPU time (LiveKit's benchmarks give packets out).
   */
  estimate?: { cpuPercentPerStream: number; meetingAt90: number; streamsAt90: number; packetsOutPerCpuSecond: number }
}

export interface CapacityResult {
  command: string
  startedAt: string
  loadAverage: { start: number[]; end: number[] }
  /** livekit-server alone on core 0, every client in this process on core 1 */
  pinned: boolean
  settings: CapacitySettings
  runs: CapacityRun[]
}

const JOIN_BATCH = 4
const JOIN_TIMEOUT_MS = 60_000
const SUBSCRIBE_TIMEOUT_MS = 20_000
const NOMINAL_AUDIO_PACKETS = 1000 / AUDIO_FRAME_MS
// Below this share of the nominal rate the clients (or their encoders) could not keep up: the run says so and stops.
const SENDER_FLOOR = 0.9
const load = () => loadavg().map((l) => round(l))

/** One meeting per kind, grown step by step until loss, a saturated core or the end of the ramp. */
export async function measureCapacity(settings: CapacitySettings, command: string, log: (line: string) => void): Promise<CapacityResult> {
  const startedAt = new Date().toISOString()
  const start = load()
  const runs: CapacityRun[] = []
  let pinned = false
  for (const kind of ['audio', 'video'] as const) {
    const server = await startCapacityServer()
    pinned = server.pinned
    try {
      runs.push(await ramp(server, kind, settings, log))
    } finally {
      await server.stop()
    }
  }
  return { command, startedAt, loadAverage: { start, end: load() }, pinned, settings, runs }
}

async function ramp(server: CapacityServer, kind: ParticipantKind, settings: CapacitySettings, log: (line: string) => void): Promise<CapacityRun> {
  const tracks = kind === 'video' ? 2 : 1
  const room = `capacity-${kind}-${Date.now()}`
  await server.createRoom(room)
  const participants: BenchParticipant[] = []
  const clockStart = performance.now()
  const clock = setInterval(() => {
    const elapsed = performance.now() - clockStart
    for (const participant of participants) participant.sendDue(elapsed)
  }, 10)
  const steps: CapacityStep[] = []
  try {
    for (const size of settings.ramps[kind]) {
      const joinStart = performance.now()
      const joined = await joinUntil(server, room, kind, participants, size)
      const joinSeconds = round((performance.now() - joinStart) / 1000, 1)
      const forwardedStreams = (size - 1) * tracks
      const subscribed = await subscriptionsDone(participants, forwardedStreams)
      await sleep(settings.settleSeconds * 1000)
      const step = await measureWindow(server, participants, settings, tracks)
      const limits = [...(joined ? [] : ['joins failed or timed out']), ...(subscribed < 1 ? ['subscriptions incomplete'] : []), ...limitsOf(step, settings)]
      steps.push({ participants: size, forwardedStreams, joinSeconds, subscribed: round(subscribed, 3), ...step, limits })
      log(
        `capacity ${kind} ${size}: server ${pct(step.serverCpu)} (core ${pct(step.serverCoreBusy)}), clients ${pct(step.clientCpu)} (core ${pct(step.clientCoreBusy)}), audio loss ${round(step.audio.lossPercent)} % delivered ${pct(step.audio.delivered)}${step.video ? `, video ${round(step.video.receivedFps ?? 0, 1)}/${round(step.video.sentFps ?? 0, 1)} fps delivered ${pct(step.video.delivered)}` : ''}${limits.length ? `; stop: ${limits.join(', ')}` : ''}`,
      )
      if (limits.length) break
    }
  } finally {
    clearInterval(clock)
    await Promise.all(participants.map((p) => p.leave().catch(() => {})))
  }
  return summarize(kind, tracks, steps)
}

const pct = (share: number) => `${Math.round(share * 100)} %`

// Joins in small parallel batches until the meeting has `size` participants; false if that failed or took too long.
async function joinUntil(server: CapacityServer, room: string, kind: ParticipantKind, participants: BenchParticipant[], size: number): Promise<boolean> {
  const deadline = Date.now() + JOIN_TIMEOUT_MS
  while (participants.length < size && Date.now() < deadline) {
    const batch = Math.min(JOIN_BATCH, size - participants.length)
    const joined = await Promise.allSettled(
      Array.from({ length: batch }, async (_, i) => joinParticipant(server.url, await server.token(room, `${kind}-${participants.length + i}`), kind)),
    )
    for (const outcome of joined) if (outcome.status === 'fulfilled') participants.push(outcome.value)
    if (joined.some((outcome) => outcome.status === 'rejected')) return false
  }
  return participants.length === size
}

// Waits until every participant receives every other's tracks; the share established when it stopped waiting.
async function subscriptionsDone(participants: BenchParticipant[], perParticipant: number): Promise<number> {
  const expected = participants.length * perParticipant
  const share = () => (expected ? participants.reduce((n, p) => n + Math.min(p.subscribedTracks(), perParticipant), 0) / expected : 1)
  const deadline = Date.now() + SUBSCRIBE_TIMEOUT_MS
  while (share() < 1 && Date.now() < deadline) await sleep(250)
  return share()
}

async function measureWindow(server: CapacityServer, participants: BenchParticipant[], settings: CapacitySettings, tracks: number) {
  const rooms = participants.map((p) => p.room)
  const before = {
    stats: await snapshot(rooms),
    server: cpuSeconds(server.pid),
    client: process.cpuUsage(),
    serverCore: coreTimes(SERVER_CORE),
    clientCore: coreTimes(CLIENT_CORE),
    at: performance.now(),
  }
  await sleep(settings.windowSeconds * 1000)
  const after = {
    stats: await snapshot(rooms),
    server: cpuSeconds(server.pid),
    client: process.cpuUsage(before.client),
    serverCore: coreTimes(SERVER_CORE),
    clientCore: coreTimes(CLIENT_CORE),
    at: performance.now(),
  }
  const seconds = (after.at - before.at) / 1000
  const busy = (a: { busy: number; total: number }, b: { busy: number; total: number }) => (b.busy - a.busy) / Math.max(1, b.total - a.total)
  const subscribers = participants.length - 1
  const audio = rounded(flowBetween(before.stats, after.stats, 'audio', subscribers))
  return {
    serverCpu: round((after.server - before.server) / seconds, 3),
    serverCoreBusy: round(busy(before.serverCore, after.serverCore), 3),
    clientCpu: round((after.client.user + after.client.system) / 1e6 / seconds, 3),
    clientCoreBusy: round(busy(before.clientCore, after.clientCore), 3),
    audio,
    ...(tracks === 2 && { video: rounded(flowBetween(before.stats, after.stats, 'video', subscribers)) }),
  }
}

const rounded = (flow: MediaFlow): MediaFlow => Object.fromEntries(Object.entries(flow).map(([k, v]) => [k, round(v, 3)])) as unknown as MediaFlow

// Busy cores (other work on the machine) are recorded, not limits: they show up here as loss or a late sender.
function limitsOf(
  step: Omit<CapacityStep, 'participants' | 'forwardedStreams' | 'joinSeconds' | 'subscribed' | 'limits'>,
  settings: CapacitySettings,
): string[] {
  const limits: string[] = []
  const floor = 1 - settings.lossThresholdPercent / 100
  for (const [kind, flow] of Object.entries({ audio: step.audio, video: step.video })) {
    if (!flow) continue
    if (flow.lossPercent > settings.lossThresholdPercent) limits.push(`${kind} packet loss ${flow.lossPercent} %`)
    if (flow.delivered < floor) limits.push(`${kind} packets delivered ${pct(flow.delivered)}`)
  }
  if (step.audio.sentPacketsPerSecond < NOMINAL_AUDIO_PACKETS * SENDER_FLOOR)
    limits.push(`clients sent ${step.audio.sentPacketsPerSecond} audio packets/s of ${NOMINAL_AUDIO_PACKETS}`)
  if (step.video && step.video.sentFps! < VIDEO.fps * SENDER_FLOOR) limits.push(`clients sent ${step.video.sentFps} fps of ${VIDEO.fps}`)
  if (step.serverCpu > settings.cpuThreshold) limits.push('server CPU')
  if (step.clientCpu > settings.cpuThreshold) limits.push('client CPU')
  return limits
}

function summarize(kind: ParticipantKind, tracks: number, steps: CapacityStep[]): CapacityRun {
  const carried = steps.filter((s) => !s.limits.length).at(-1)
  const last = steps.at(-1)
  const limitedBy = last?.limits.length ? last.limits.join(', ') : 'end of the ramp'
  if (!carried || carried.participants < 2) return { kind, tracksPerParticipant: tracks, steps, carried: carried?.participants ?? 0, limitedBy }
  const streams = carried.participants * carried.forwardedStreams
  const perStream = carried.serverCpu / streams
  // n(n − 1) × tracks × perStream = 0.9, solved for n
  const meetingAt90 = Math.floor((1 + Math.sqrt(1 + (4 * 0.9) / (tracks * perStream))) / 2)
  return {
    kind,
    tracksPerParticipant: tracks,
    steps,
    carried: carried.participants,
    limitedBy,
    estimate: {
      cpuPercentPerStream: round(perStream * 100, 3),
      meetingAt90,
      streamsAt90: Math.floor(0.9 / perStream),
      packetsOutPerCpuSecond: Math.round((carried.audio.forwardedPacketsPerSecond + (carried.video?.forwardedPacketsPerSecond ?? 0)) / carried.serverCpu),
    },
  }
}
