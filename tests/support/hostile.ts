import fc from 'fast-check'
import { ApiClient } from '../../native/api-client.ts'
import { query } from './db.ts'
import { recordFigure, type Figure } from './figures.ts'
import { startRuntime, type RunningRuntime } from '../../native/runtime.ts'
import { sendRaw, type RawResponse } from './raw-http.ts'
import type { ServiceUrls } from './services.ts'

export const BODY_LIMIT = 4096
const RECORDING = '00000000-0000-4000-8000-000000000001'

/** Every function, as method and path, on a meeting named `fuzz-room`. */
export const ROUTES = [
  ['GET', '/session'],
  ['PUT', '/session'],
  ['GET', '/meetings'],
  ['POST', '/meetings'],
  ['GET', '/meetings/fuzz-room'],
  ['POST', '/meetings/fuzz-room/end'],
  ['GET', '/meetings/fuzz-room/participants'],
  ['GET', '/meetings/fuzz-room/stats'],
  ['GET', '/token'],
  ['POST', '/token'],
  ['GET', '/recordings'],
  ['GET', `/recordings/${RECORDING}`],
  ['DELETE', `/recordings/${RECORDING}`],
  ['POST', '/recordings/start'],
  ['POST', '/recordings/stop'],
  ['POST', '/webhooks/livekit'],
  ['GET', '/health'],
  ['GET', '/health/live'],
  ['GET', '/health/ready'],
  ['GET', '/meetings/fuzz-room/settings'],
  ['PATCH', '/meetings/fuzz-room/settings'],
  ['POST', '/meetings/fuzz-room/lobby'],
  ['GET', '/meetings/fuzz-room/lobby'],
  ['PUT', '/meetings/fuzz-room/lobby/u_fuzz-guest'],
  ['GET', '/meetings/fuzz-room/admission'],
  ['GET', '/meetings/fuzz-room/chat'],
  ['POST', '/meetings/fuzz-room/chat'],
  ['POST', '/meetings/fuzz-room/participants/u_fuzz-guest/mute'],
  ['POST', '/meetings/fuzz-room/participants/u_fuzz-guest/remove'],
  ['POST', '/meetings/fuzz-room/mute-all'],
  ['POST', '/meetings/fuzz-room/hand'],
  ['PUT', `/recordings/${RECORDING}/sharing`],
  ['PUT', '/meetings/fuzz-room/cohosts/u_fuzz'],
  ['DELETE', '/meetings/fuzz-room/cohosts/u_fuzz'],
  ['POST', '/auth/password'],
  ['POST', '/auth/logout'],
  ['GET', '/auth/me'],
  ['POST', '/auth/invite'],
  ['POST', '/auth/oidc/start'],
  ['GET', '/auth/oidc/callback'],
  ['GET', '/members'],
  ['POST', '/members'],
  ['PATCH', '/members/00000000-0000-4000-8000-000000000002'],
] as const
export const WRITES = ROUTES.filter(([method]) => method !== 'GET')
const CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
]

/** Strings people would try on purpose, mixed with whatever fast-check makes up. */
export const nasty = fc.oneof(
  fc.constantFrom(
    '../../etc/passwd',
    '..\\..\\windows',
    "x'; drop table meetings; --",
    '" or 1=1 --',
    '%00',
    '\u0000',
    '\u202e\u0627',
    '<script>alert(1)</script>',
    '${jndi:ldap://x}',
    '{{7*7}}',
    'a'.repeat(10_000),
    '\ud800',
    'fuzz-room\n',
    'FUZZ-ROOM',
    ' fuzz-room ',
    'null',
    '[object Object]',
    '__proto__',
    '\r\nset-cookie: x=1',
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
)

export interface HostileTarget {
  runtime: RunningRuntime
  /** session cookie of the host of `fuzz-room` */
  hostCookie: string
  /** Sends one request on its own connection and checks the answer. */
  send(method: string, path: string, options?: Parameters<typeof sendRaw>[3]): Promise<RawResponse | undefined>
  /** Row counts of every table a request could write. */
  counts(): Promise<Record<'meetings' | 'audit' | 'participants' | 'recordings' | 'analytics' | 'members' | 'cohosts', number>>
  /** Answers that broke the rule, with what was sent. */
  bad: Array<{ request: string; status: number; text: string }>
  requests: number
  /** requests Node's own client refuses to send (a header value with a line break…) */
  unsendable: number
  /** 201s that create a meeting (also reached as /meetings/ or /meetings/.); chat messages are not counted */
  created: number
  recordFigure(id: string, figure: Pick<Figure, 'scenario' | 'checked'> & { notes?: string }): Promise<void>
  /** The lines where the runtime logged an error or a failure so far. */
  failuresLogged(): string[]
}

/** A runtime with a small body limit and one meeting, and a checker for what it answers. */
export async function startHostileTarget(services: ServiceUrls): Promise<HostileTarget> {
  const runtime = await startRuntime(services, { BODY_LIMIT_BYTES: String(BODY_LIMIT) })
  const host = new ApiClient(runtime.url)
  await host.post('/meetings', { roomName: 'fuzz-room' })
  const target: HostileTarget = {
    runtime,
    hostCookie: host.cookie,
    bad: [],
    requests: 0,
    unsendable: 0,
    created: 0,
    async send(method, path, options = {}) {
      const response = await sendRaw(runtime.url, method, path, options)
      if (!response) return void target.unsendable++
      target.requests++
      if (!isCleanAnswer(response))
        target.bad.push({ request: `${method} ${path} ${JSON.stringify(options).slice(0, 200)}`, status: response.status, text: response.text.slice(0, 300) })
      // (a chat message is the other 201, and stores no meeting)
      if (response.status === 201 && !path.includes('/chat')) target.created++
      return response
    },
    async counts() {
      const [row] = await query(
        runtime.databaseUrl,
        `select (select count(*) from meetings)::int as meetings, (select count(*) from audit_log)::int as audit,
        (select count(*) from participants)::int as participants, (select count(*) from recordings)::int as recordings, (select count(*) from analytics)::int as analytics,
        (select count(*) from members)::int as members, (select count(*) from meeting_cohosts)::int as cohosts`,
      )
      return row
    },
    recordFigure: (id, figure) => recordFigure(id, { area: 'Hostile input', requests: target.requests, errors: target.bad.length, rowsLost: 0, ...figure }),
    failuresLogged: () =>
      runtime
        .output()
        .split('\n')
        .filter((line) => line.startsWith('[error]') || line.includes('failed:')),
  }
  return target
}

/** Never a 5xx; a 4xx from the API is `{ error, message }` with a known code and no stack or file path. */
function isCleanAnswer(response: RawResponse): boolean {
  if (response.status >= 500 || response.status < 200) return false
  if (response.status < 400 || !response.text) return true
  try {
    const body = JSON.parse(response.text)
    return (
      CODES.includes(body.error) && typeof body.message === 'string' && body.message.length > 0 && !/\n\s+at |\.ts:\d|node_modules|\/work\//.test(response.text)
    )
  } catch {
    return false
  }
}
