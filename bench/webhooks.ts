import pg from 'pg'
import { signWebhook, webhookBody } from '../native/webhooks.ts'
import type { App } from './apps.ts'
import { createFixtures } from './fixtures.ts'
import { round } from './stats.ts'

export interface WebhookBurstResult {
  uniqueEvents: number
  deliveries: number
  concurrency: number
  seconds: number
  deliveriesPerSecond: number
  /** answers by HTTP status */
  statuses: Record<number, number>
  storedEvents: number
  lostEvents: number
  participantsStored: number
  participantsWithLeftAt: number
  /** people the meeting still lists as present; every one left, so 0 is right */
  stillListedLive: number
}

const PARTICIPANTS = 1000
const CONCURRENCY = 16
const START = 1_800_000_000

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}

/** A join and a leave per participant, each sent twice, all shuffled, posted by concurrent senders. */
export async function measureWebhookBurst(app: App, env: Record<string, string>, log: (line: string) => void): Promise<WebhookBurstResult> {
  const server = await app.start()
  try {
    const { cookie, roomName } = await createFixtures(server.url, `hooks-${Date.now()}`)
    const events = Array.from({ length: PARTICIPANTS }, (_, i) => {
      const participant = { sid: `PA_${roomName}_${i}`, identity: `u_${i}`, name: `P${i}`, joinedAt: String(START + i) }
      return [
        webhookBody({ event: 'participant_joined', id: `EV_${roomName}_j${i}`, createdAt: START + i, room: { name: roomName }, participant }),
        webhookBody({ event: 'participant_left', id: `EV_${roomName}_l${i}`, createdAt: START + i + 60, room: { name: roomName }, participant }),
      ]
    }).flat()
    const signed = await Promise.all(
      events.map(async (body) => ({ body, authorization: await signWebhook(body, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET) })),
    )
    const deliveries = shuffle([...signed, ...signed])
    const statuses: Record<number, number> = {}
    let next = 0
    const startedAt = performance.now()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < deliveries.length) {
          const { body, authorization } = deliveries[next++]
          const response = await fetch(`${server.url}/webhooks/livekit`, {
            method: 'POST',
            headers: { 'content-type': 'application/webhook+json', authorization },
            body,
          }).catch(() => undefined)
          await response?.arrayBuffer()
          const status = response?.status ?? 0
          statuses[status] = (statuses[status] ?? 0) + 1
        }
      }),
    )
    const seconds = (performance.now() - startedAt) / 1000
    const stored = await countStored(env.DATABASE_URL, roomName)
    const live = await fetch(`${server.url}/meetings/${roomName}/participants`, { headers: { cookie } }).then((r) => r.json() as Promise<{ live: unknown[] }>)
    const result = {
      uniqueEvents: events.length,
      deliveries: deliveries.length,
      concurrency: CONCURRENCY,
      seconds: round(seconds),
      deliveriesPerSecond: round(deliveries.length / seconds, 0),
      statuses,
      storedEvents: stored.events,
      lostEvents: events.length - stored.events,
      participantsStored: stored.participants,
      participantsWithLeftAt: stored.left,
      stillListedLive: live.live.length,
    }
    log(
      `webhooks: ${result.deliveries} deliveries in ${result.seconds} s (${result.deliveriesPerSecond}/s), ${result.lostEvents} lost, ${result.stillListedLive} still listed live`,
    )
    return result
  } finally {
    await server.stop()
  }
}

async function countStored(databaseUrl: string, roomName: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ events: number; participants: number; left: number }>(
      `select (select count(*)::int from analytics where event_id like $1) as events,
              (select count(*)::int from participants p join meetings m on m.id = p.meeting_id where m.room_name = $2) as participants,
              (select count(*)::int from participants p join meetings m on m.id = p.meeting_id where m.room_name = $2 and p.left_at is not null) as left`,
      [`EV\\_${roomName}\\_%`, roomName],
    )
    return rows[0]
  } finally {
    await client.end()
  }
}
