import type { Results } from './results.ts'
import type { CapacityRun } from '../capacity.ts'

const pct = (share: number) => `${Math.round(share * 100)} %`
const LABEL = { audio: 'Audio only (one microphone each)', video: 'Low-resolution video (microphone + 160×90 camera at 15 fps each)' }

export function capacitySection(r: Results): string {
  const c = r.capacity
  if (!c) return ''
  const busy = Math.max(...c.loadAverage.start, ...c.loadAverage.end) > 1.5
  return `## Meeting capacity of one LiveKit core

Made by \`${c.command}\`, started ${c.startedAt}; load average ${c.loadAverage.start.join(', ')} at start, ${c.loadAverage.end.join(', ')} at the end.
${busy ? '\n**Taken under load**: other work shared this machine during the run (load average above 1.5), so CPU shares are inflated and losses may come from other programs; re-run on a quiet machine before relying on the figures.\n' : ''}
The real livekit-server (single node, in memory) ${c.pinned ? 'pinned to core 0 with taskset' : 'not pinned (taskset or a second core missing)'}; every participant is an
\`@livekit/rtc-node\` client in the benchmark's own process ${c.pinned ? 'on core 1' : ''}, all on loopback. Everyone publishes and subscribes to
everyone else, as in a meeting; the meeting grows step by step (${c.settings.settleSeconds} s to settle, then ${c.settings.windowSeconds} s measured).
A step fails on packet loss above ${c.settings.lossThresholdPercent} % (or fewer packets delivered than that), livekit-server above
${pct(c.settings.cpuThreshold)} of its core, the clients above ${pct(c.settings.cpuThreshold)} of theirs, or clients sending under 90 % of the nominal rate.
Server and client CPU are the processes' own time over the window; "core" is the whole core's busy share from /proc/stat, other programs included.

**The client side limits what this machine can measure**: one core runs every participant's WebRTC stack (encoding, and
receiving (n − 1) streams each), so the clients saturate long before the server. The estimate columns extrapolate the
server's cost per forwarded stream at the largest step carried to 90 % of its core; that cost includes fixed per-participant
work, so the estimate errs low.

${c.runs.map(runTable).join('\n\n')}`
}

function runTable(run: CapacityRun): string {
  const rows = run.steps.map((s) => {
    const video = s.video ? ` | ${s.video.receivedFps} / ${s.video.sentFps} | ${s.video.lossPercent} | ${pct(s.video.delivered)}` : ''
    return `| ${s.participants} | ${s.participants * s.forwardedStreams} | ${s.joinSeconds} | ${pct(s.subscribed)} | ${pct(s.serverCpu)} (${pct(s.serverCoreBusy)}) | ${pct(s.clientCpu)} (${pct(s.clientCoreBusy)}) | ${s.audio.sentPacketsPerSecond} | ${s.audio.lossPercent} | ${pct(s.audio.delivered)} | ${s.audio.jitterMs}${video} | ${s.limits.join('; ') || 'within limits'} |`
  })
  const videoHead = run.kind === 'video' ? ' video fps received / sent | video loss (%) | video delivered |' : ''
  const videoRule = run.kind === 'video' ? ' --- | --- | --- |' : ''
  const e = run.estimate
  const estimate = e
    ? `Estimate from ${run.carried} participants: ${e.cpuPercentPerStream} % of the core per forwarded stream, so about **${e.meetingAt90} participants in one meeting** or **${e.streamsAt90} forwarded streams** in all at 90 % of one core; ${e.packetsOutPerCpuSecond.toLocaleString('en')} packets out per CPU-second.`
    : 'No step was carried within the limits, so no estimate.'
  return `### ${LABEL[run.kind]}

Largest meeting carried: **${run.carried}**; stopped by: ${run.limitedBy}.

| participants | forwarded streams | join (s) | subscribed | server CPU (core) | clients CPU (core) | audio packets/s sent per track | audio loss (%) | audio delivered | audio jitter (ms) |${videoHead} limits |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |${videoRule} --- |
${rows.join('\n')}

${estimate}`
}
