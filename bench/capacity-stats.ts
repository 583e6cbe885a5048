import type { Room } from '@livekit/rtc-node'

type Kind = 'audio' | 'video'

/** One RTP stream's running totals, as WebRTC's getStats reports them. */
interface StreamCounters {
  kind: Kind
  direction: 'sent' | 'received'
  packets: number
  lost: number
  frames: number
  /** seconds, the receiver's current interarrival jitter estimate */
  jitter: number
  /** when WebRTC took these counters, in seconds: snapshots of many rooms take a while */
  at: number
}

export type StatsSnapshot = Map<string, StreamCounters>

export interface MediaFlow {
  /** per publishing track, per second */
  sentPacketsPerSecond: number
  /** per subscription (one remote track received by one participant), per second */
  receivedPacketsPerSecond: number
  /** every subscription together: the packets the server sent out per second */
  forwardedPacketsPerSecond: number
  /** received over what the publishers sent times the subscriptions each track has */
  delivered: number
  /** RTP packets the receivers saw missing, over packets expected, in % */
  lossPercent: number
  jitterMs: number
  /** video only */
  sentFps?: number
  receivedFps?: number
}

// WebRTC stats timestamps from rtc-node are microseconds.
const seconds = (timestamp?: bigint) => Number(timestamp ?? 0n) / 1e6

/** Every participant's outbound and inbound RTP counters, keyed by room and stream. */
export async function snapshot(rooms: Room[]): Promise<StatsSnapshot> {
  const streams: StatsSnapshot = new Map()
  const reports = await Promise.all(rooms.map((room) => room.getRtcStats().catch(() => undefined)))
  reports.forEach((report, r) => {
    for (const { stats } of [...(report?.publisherStats ?? []), ...(report?.subscriberStats ?? [])]) {
      if (stats.case === 'outboundRtp') {
        const { stream, sent, outbound, rtc } = stats.value
        streams.set(`${r}/${rtc?.id}`, {
          kind: stream?.kind as Kind,
          direction: 'sent',
          packets: Number(sent?.packetsSent ?? 0),
          lost: 0,
          frames: outbound?.framesSent ?? 0,
          jitter: 0,
          at: seconds(rtc?.timestamp),
        })
      } else if (stats.case === 'inboundRtp') {
        const { stream, received, inbound, rtc } = stats.value
        streams.set(`${r}/${rtc?.id}`, {
          kind: stream?.kind as Kind,
          direction: 'received',
          packets: Number(received?.packetsReceived ?? 0),
          lost: Number(received?.packetsLost ?? 0),
          frames: Number(inbound?.framesReceived ?? 0),
          jitter: received?.jitter ?? 0,
          at: seconds(rtc?.timestamp),
        })
      }
    }
  })
  return streams
}

/**
 * What flowed between two snapshots for one kind of track, as rates per stream over each stream's own
 * interval, counting only streams present in both (a new one would bring its earlier totals along).
 */
export function flowBetween(before: StatsSnapshot, after: StatsSnapshot, kind: Kind, subscribersPerTrack: number): MediaFlow {
  const sum = { sentStreams: 0, sentPackets: 0, sentFrames: 0, receivedStreams: 0, receivedPackets: 0, lost: 0, receivedFrames: 0, jitter: 0 }
  for (const [id, end] of after) {
    const start = before.get(id)
    if (!start || end.kind !== kind || end.at <= start.at) continue
    const rate = (a: number, b: number) => (b - a) / (end.at - start.at)
    if (end.direction === 'sent') {
      sum.sentStreams++
      sum.sentPackets += rate(start.packets, end.packets)
      sum.sentFrames += rate(start.frames, end.frames)
    } else {
      sum.receivedStreams++
      sum.receivedPackets += rate(start.packets, end.packets)
      sum.lost += Math.max(0, rate(start.lost, end.lost))
      sum.receivedFrames += rate(start.frames, end.frames)
      sum.jitter += end.jitter
    }
  }
  const mean = (total: number, streams: number) => (streams ? total / streams : 0)
  const expected = sum.sentPackets * subscribersPerTrack
  return {
    sentPacketsPerSecond: mean(sum.sentPackets, sum.sentStreams),
    receivedPacketsPerSecond: mean(sum.receivedPackets, sum.receivedStreams),
    forwardedPacketsPerSecond: sum.receivedPackets,
    delivered: expected ? sum.receivedPackets / expected : 0,
    lossPercent: sum.receivedPackets + sum.lost ? (100 * sum.lost) / (sum.receivedPackets + sum.lost) : 0,
    jitterMs: mean(1000 * sum.jitter, sum.receivedStreams),
    ...(kind === 'video' && { sentFps: mean(sum.sentFrames, sum.sentStreams), receivedFps: mean(sum.receivedFrames, sum.receivedStreams) }),
  }
}
