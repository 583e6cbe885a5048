import { isRedisReady, useLogger, useRedis } from '#runtime'

export interface LiveParticipant {
  identity: string
  name: string
  joinedAt: string
}

// One Redis hash per room, keyed by LiveKit's participant sid: a rejoin gets a new sid, so a
// late "left" for the old connection cannot remove the new one.
const key = (roomName: string) => `meet:live:${roomName}`
const DAY = 24 * 3600

/** Redis writes are best effort: while it is down the live list falls back to PostgreSQL. */
async function bestEffort(action: string, write: () => Promise<unknown>) {
  if (!isRedisReady(useRedis())) return
  await write().catch((error: Error) => useLogger().warn(`Live participants: ${action} skipped: ${error.message}`))
}

export const addLive = (roomName: string, sid: string, participant: LiveParticipant) =>
  bestEffort('add', () => useRedis().multi().hset(key(roomName), sid, JSON.stringify(participant)).expire(key(roomName), DAY).exec())

export const removeLive = (roomName: string, sid: string) => bestEffort('remove', () => useRedis().hdel(key(roomName), sid))

export const clearLive = (roomName: string) => bestEffort('clear', () => useRedis().del(key(roomName)))

/** undefined when Redis cannot answer */
export async function listLive(roomName: string): Promise<LiveParticipant[] | undefined> {
  if (!isRedisReady(useRedis())) return undefined
  const values = await useRedis()
    .hvals(key(roomName))
    .catch(() => undefined)
  return values?.map((value) => JSON.parse(value) as LiveParticipant)
}
