import { getCookie, setCookie, type H3Event } from 'h3'
import { useConfig, useRedis } from '../use.ts'
import { unavailable } from '../errors.ts'
import { isRedisReady } from '../redis/failover-driver.ts'
import { createSessionData, newSessionId, readSession, writeSession, type SessionData } from './store.ts'

/**
 * `__Host-` in production: browsers then only accept the cookie from this exact host over HTTPS,
 * with Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it. Plain HTTP in
 * development cannot carry a Secure cookie, so the name has no prefix there.
 */
export const sessionCookieName = (nodeEnv: string) => (nodeEnv === 'production' ? '__Host-meet_sid' : 'meet_sid')

export interface Session extends SessionData {
  id: string
  update(data: Partial<Pick<SessionData, 'displayName'>>): Promise<Session>
}

// The visitor's server-side session. An unknown or expired id is never adopted: a fresh id is
// issued instead, so nobody can fix a session id on someone else's browser.
export async function useSession(event: H3Event): Promise<Session> {
  if (event.context.session) return event.context.session
  const cookieId = getCookie(event, sessionCookieName(useConfig().NODE_ENV))
  let id = cookieId && /^[\w-]{43}$/.test(cookieId) ? cookieId : undefined
  let data = id ? await readSession(id) : undefined
  const halfLife = (useConfig().SESSION_TTL_SECONDS * 1000) / 2
  // While Redis is down a returning visitor's session cannot be read; issuing a new one would
  // replace their cookie and cost them their identity (and host role) for good.
  if (id && !data && !isRedisReady(useRedis())) throw unavailable('Sessions are unavailable right now; try again shortly')
  if (!id || !data) {
    id = newSessionId()
    data = await writeSession(id, createSessionData())
    setSessionCookie(event, id)
  } else if (data.expiresAt - Date.now() < halfLife) {
    data = await writeSession(id, data)
    setSessionCookie(event, id)
  }
  const session: Session = {
    id,
    ...data,
    async update(change) {
      Object.assign(session, await writeSession(id, { identity: session.identity, displayName: session.displayName, ...change }))
      return session
    },
  }
  event.context.session = session
  return session
}

function setSessionCookie(event: H3Event, id: string) {
  const { SESSION_TTL_SECONDS, NODE_ENV } = useConfig()
  setCookie(event, sessionCookieName(NODE_ENV), id, { httpOnly: true, sameSite: 'lax', secure: NODE_ENV === 'production', path: '/', maxAge: SESSION_TTL_SECONDS })
}

declare module 'h3' {
  interface H3EventContext {
    session?: Session
  }
}
