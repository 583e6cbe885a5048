import { randomBytes } from 'node:crypto'
import { useCache, useConfig } from '../use.ts'
import { redisKeyOf } from '../redis/cache.ts'

export interface SessionData {
  identity: string
  displayName: string | null
  /** the signed-in member, checked against the members table on each use */
  memberId?: string | null
  expiresAt: number
}

const key = (id: string) => `session:${id}`
export const newSessionId = () => randomBytes(32).toString('base64url')
const newIdentity = () => `u_${randomBytes(12).toString('base64url')}`

/** Where session `id` lives in Redis, for a read outside the cache (see `parseSession`). */
export const sessionRedisKey = (id: string) => redisKeyOf(key(id))

// The in-process fallback has no TTL of its own, so expiry is also checked here.
const unexpired = (data: SessionData | null | undefined) => (data && data.expiresAt > Date.now() ? data : undefined)

export async function readSession(id: string): Promise<SessionData | undefined> {
  return unexpired(await useCache().getItem<SessionData>(key(id)))
}

/** A session as read from Redis directly: the JSON the cache wrote, or null for none. */
export function parseSession(raw: string | null): SessionData | undefined {
  if (raw === null) return undefined
  try {
    return unexpired(JSON.parse(raw) as SessionData)
  } catch {
    return undefined
  }
}

export async function writeSession(id: string, data: Omit<SessionData, 'expiresAt'>): Promise<SessionData> {
  const ttl = useConfig().SESSION_TTL_SECONDS
  const session = { ...data, expiresAt: Date.now() + ttl * 1000 }
  await useCache().setItem(key(id), session, { ttl })
  return session
}

export async function deleteSession(id: string): Promise<void> {
  await useCache().removeItem(key(id))
}

export const createSessionData = () => ({ identity: newIdentity(), displayName: null })
