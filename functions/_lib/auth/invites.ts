import { createHash, randomBytes } from 'node:crypto'
import { useCache, useConfig } from '#runtime'

// An invitation to set the password of a new account: a one-time secret in a link. Only its
// hash is stored, so a Redis dump holds no usable link.
const TTL_SECONDS = 7 * 24 * 3600
const key = (token: string) => `invite:${createHash('sha256').update(token).digest('base64url')}`

export async function createInvite(memberId: string): Promise<{ url: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url')
  await useCache().setItem(key(token), { memberId }, { ttl: TTL_SECONDS })
  return { url: new URL(`/invite/${token}`, useConfig().PUBLIC_URL).toString(), expiresAt: new Date(Date.now() + TTL_SECONDS * 1000).toISOString() }
}

/** The member the invitation is for; it is used up by taking it. */
export async function takeInvite(token: string): Promise<string | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined
  const invite = await useCache().getItem<{ memberId: string }>(key(token))
  await useCache().removeItem(key(token))
  return invite?.memberId
}
