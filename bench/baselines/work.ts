import pg from 'pg'
import { Redis } from 'ioredis'
import * as v from 'valibot'
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk'
import { roomNameSchema } from '../../functions/_lib/room-name.ts'

/** A status and a JSON body, for whichever framework sends it. */
export interface Answer {
  status: number
  body: unknown
}

interface MeetingRow {
  id: string
  room_name: string
  host_identity: string
  created_at: Date
  ended_at: Date | null
}

interface Session {
  identity: string
  displayName: string | null
  expiresAt: number
}

const tokenBody = v.object({ roomName: roomNameSchema })
const fail = (status: number, error: string, message: string): Answer => ({ status, body: { error, message } })

/**
 * The work the runtime's functions do for the benchmarked routes, written plainly: the same
 * PostgreSQL query, the same Redis read of the session (unstorage's `meet:` key and JSON), the same
 * LiveKit room creation and grant. No session is created here: the benchmark always sends a valid cookie.
 */
export function openWork(env: NodeJS.ProcessEnv) {
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 })
  const redis = new Redis(env.REDIS_URL!, { lazyConnect: false })
  const livekit = { key: env.LIVEKIT_API_KEY!, secret: env.LIVEKIT_API_SECRET!, url: env.LIVEKIT_PUBLIC_URL ?? env.LIVEKIT_URL! }
  const rooms = new RoomServiceClient(env.LIVEKIT_URL!.replace(/^ws/, 'http'), livekit.key, livekit.secret)

  const findMeeting = async (roomName: string) => (await db.query<MeetingRow>('select * from meetings where room_name = $1', [roomName])).rows[0]

  const readSession = async (id: string | undefined): Promise<Session | undefined> => {
    if (!id || !/^[\w-]{43}$/.test(id)) return undefined
    const raw = await redis.get(`meet:session:${id}`)
    const session = raw ? (JSON.parse(raw) as Session) : undefined
    return session && session.expiresAt > Date.now() ? session : undefined
  }

  async function token(sessionId: string | undefined, input: unknown): Promise<Answer> {
    const parsed = v.safeParse(tokenBody, input)
    if (!parsed.success) return fail(400, 'validation_failed', parsed.issues[0].message)
    const meeting = await findMeeting(parsed.output.roomName)
    if (!meeting) return fail(404, 'not_found', 'no such meeting')
    if (meeting.ended_at) return fail(409, 'conflict', 'meeting ended')
    const session = await readSession(sessionId)
    if (!session) return fail(401, 'unauthorized', 'no session')
    try {
      await rooms.createRoom({ name: meeting.room_name })
    } catch {
      return fail(503, 'service_unavailable', 'LiveKit could not open the room')
    }
    if ((await findMeeting(meeting.room_name))?.ended_at) return fail(409, 'conflict', 'meeting ended')
    const isHost = meeting.host_identity === session.identity
    const name = session.displayName ?? 'Guest'
    const role = isHost ? 'host' : 'guest'
    const grant = new AccessToken(livekit.key, livekit.secret, {
      identity: session.identity,
      name,
      ttl: '15m',
      metadata: JSON.stringify({ role }),
      attributes: { role },
    })
    grant.addGrant({ room: meeting.room_name, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true, canUpdateOwnMetadata: false })
    const participantToken = await grant.toJwt()
    return {
      status: 200,
      body: { serverUrl: livekit.url, roomName: meeting.room_name, participantToken, participantName: name, identity: session.identity, isHost },
    }
  }

  async function meeting(sessionId: string | undefined, rawName: string): Promise<Answer> {
    const roomName = v.safeParse(roomNameSchema, decodeURIComponent(rawName))
    if (!roomName.success) return fail(400, 'bad_request', roomName.issues[0].message)
    const [row, session] = await Promise.all([findMeeting(roomName.output), readSession(sessionId)])
    if (!row) return fail(404, 'not_found', 'no such meeting')
    if (!session) return fail(401, 'unauthorized', 'no session')
    const body = {
      id: row.id,
      roomName: row.room_name,
      createdAt: row.created_at.toISOString(),
      endedAt: row.ended_at?.toISOString() ?? null,
      isHost: row.host_identity === session.identity,
    }
    return { status: 200, body: { meeting: body } }
  }

  const ready = async (): Promise<Answer> => (await db.query('select 1'), { status: 200, body: { status: 'ready' } })
  const live = (): Answer => ({ status: 200, body: { status: 'ok' } })

  return { db, redis, live, ready, token, meeting }
}
