import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import { useConfig, useRedis } from '../use.ts'
import { unavailable } from '../errors.ts'
import { isRedisReady } from '../redis/client.ts'
import type { ReadAlong } from '../http/rate-limit.ts'
import { createSessionData, deleteSession, newSessionId, parseSession, readSession, sessionRedisKey, writeSession, type SessionData } from './store.ts'

/**
 * `__Host-` in production: browsers then only accept the cookie from this exact host over HTTPS,
 * with Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it. Plain HTTP in
 * development cannot carry a Secure cookie, so the name has no prefix there.
 */
const sessionCookieName = (nodeEnv: string) => (nodeEnv === 'production' ? '__Host-meet_sid' : 'meet_sid')

export interface Session extends SessionData {
  id: string
  update(data: Partial<Pick<SessionData, 'displayName' | 'memberId'>>): Promise<Session>
}

// The visitor's server-side session, created when there is none (not h3's useSession, a sealed
// cookie). An unknown or expired id is never adopted: a fresh id is issued instead, so nobody can
// fix a session id on someone else's browser.
export async function ensureSession(event: H3Event): Promise<Session> {
  const existing = await findSession(event)
  if (existing) return existing
  const id = newSessionId()
  const data = await writeSession(id, createSessionData())
  setSessionCookie(event, id)
  return remember(event, id, data)
}

/** The visitor's session if they have one; nothing is written for a visitor who only reads. */
export async function findSession(event: H3Event): Promise<Session | undefined> {
  if (event.context.session) return event.context.session
  const id = sessionIdOf(event)
  const { sessionRead } = event.context
  event.context.sessionRead = undefined
  let data = id ? (sessionRead !== undefined ? parseSession(sessionRead) : await readSession(id)) : undefined
  // While Redis is down a returning visitor's session cannot be read; issuing a new one would
  // replace their cookie and cost them their identity (and host role) for good.
  if (id && !data && !isRedisReady(useRedis())) throw unavailable('Sessions are unavailable right now; try again shortly')
  if (!id || !data) return undefined
  if (data.expiresAt - Date.now() < (useConfig().SESSION_TTL_SECONDS * 1000) / 2) {
    data = await writeSession(id, data)
    setSessionCookie(event, id)
  }
  return remember(event, id, data)
}

/**
 * The rate limit's Redis call reads the session the cookie names (http/rate-limit.ts), so reading
 * it costs a request no Redis call of its own. What it read is used once: after a session is
 * written or ended during the request, the next look goes to the store.
 */
export const sessionReadAlong: ReadAlong = {
  key: (event) => {
    const id = sessionIdOf(event)
    return id && sessionRedisKey(id)
  },
  keep: (event, value) => void (event.context.sessionRead = value),
}

// An id the runtime could have issued (newSessionId), or none.
function sessionIdOf(event: H3Event): string | undefined {
  const id = getCookie(event, sessionCookieName(useConfig().NODE_ENV))
  return id && /^[\w-]{43}$/.test(id) ? id : undefined
}

/**
 * Signing in: the member gets a session under a new id and a new identity (the old session is
 * deleted; only the display name is kept), so nothing known or granted before sign-in, such as a
 * planted session or a guest's co-host role, carries over to the account. Sessions need Redis
 * here: an in-process session would vanish with this instance.
 */
export async function startMemberSession(event: H3Event, memberId: string): Promise<Session> {
  if (!isRedisReady(useRedis())) throw unavailable('Signing in is unavailable right now; try again shortly')
  const previous = await findSession(event)
  const id = newSessionId()
  const data = await writeSession(id, { ...createSessionData(), displayName: previous?.displayName ?? null, memberId })
  if (previous) await deleteSession(previous.id)
  setSessionCookie(event, id)
  return remember(event, id, data)
}

/** Signing out: the server-side session is deleted, so a copied cookie is worth nothing either. */
export async function endSession(event: H3Event): Promise<void> {
  const session = await findSession(event)
  if (session) await deleteSession(session.id)
  event.context.session = undefined
  deleteCookie(event, sessionCookieName(useConfig().NODE_ENV), cookieOptions())
}

function remember(event: H3Event, id: string, data: SessionData): Session {
  const session: Session = {
    id,
    ...data,
    async update(change) {
      const { identity, displayName, memberId } = session
      Object.assign(session, await writeSession(id, { identity, displayName, memberId, ...change }))
      return session
    },
  }
  event.context.session = session
  return session
}

function cookieOptions() {
  const { NODE_ENV } = useConfig()
  return { httpOnly: true, sameSite: 'lax', secure: NODE_ENV === 'production', path: '/' } as const
}

function setSessionCookie(event: H3Event, id: string) {
  setCookie(event, sessionCookieName(useConfig().NODE_ENV), id, { ...cookieOptions(), maxAge: useConfig().SESSION_TTL_SECONDS })
}

declare module 'h3' {
  interface H3EventContext {
    session?: Session
    /** the session as the rate limit's Redis call read it (null: none), until findSession takes it */
    sessionRead?: string | null
  }
}
