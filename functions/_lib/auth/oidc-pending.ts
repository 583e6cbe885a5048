import { randomBytes } from 'node:crypto'
import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import { useCache, useConfig } from '#runtime'

// A sign-in in progress: PKCE verifier, state and nonce, kept in Redis under a random handle
// that only this browser holds (an httpOnly cookie), and used once.
export interface PendingSignIn {
  codeVerifier: string
  state: string
  nonce: string
  returnTo: string
}

const COOKIE = 'meet_oidc'
const TTL_SECONDS = 600
const key = (handle: string) => `oidc:pending:${handle}`
const cookieOptions = () => ({ httpOnly: true, sameSite: 'lax', secure: useConfig().NODE_ENV === 'production', path: '/' }) as const

export async function savePending(event: H3Event, pending: PendingSignIn): Promise<void> {
  const handle = randomBytes(32).toString('base64url')
  await useCache().setItem(key(handle), pending, { ttl: TTL_SECONDS })
  setCookie(event, COOKIE, handle, { ...cookieOptions(), maxAge: TTL_SECONDS })
}

/** The pending sign-in of this browser, removed so it cannot be replayed. */
export async function takePending(event: H3Event): Promise<PendingSignIn | undefined> {
  const handle = getCookie(event, COOKIE)
  deleteCookie(event, COOKIE, cookieOptions())
  if (!handle || !/^[\w-]{43}$/.test(handle)) return undefined
  const pending = await useCache().getItem<PendingSignIn>(key(handle))
  await useCache().removeItem(key(handle))
  return pending ?? undefined
}
