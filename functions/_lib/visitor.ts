import type { H3Event } from 'h3'
import { findSession, members, useConfig, useDb, ensureSession, unauthorized, type Member, type Session } from '#runtime'

/** Who is asking: their session (if any) and, when signed in, their member account. */
export interface Visitor {
  session: Session | undefined
  identity: string | undefined
  member: Member | undefined
}

/**
 * The visitor behind a request. `create: false` writes no session for someone who only reads.
 * The member is looked up on every call (one primary-key read): a disabled member is signed out
 * at their next request, wherever their session lives.
 */
export async function useVisitor(event: H3Event, { create = true } = {}): Promise<Visitor> {
  if (event.context.visitor && (event.context.visitor.session || !create)) return event.context.visitor
  const session = create ? await ensureSession(event) : await findSession(event)
  let member: Member | undefined
  if (session?.memberId) {
    member = await members.findActiveMember(useDb(), session.memberId)
    if (!member) await session.update({ memberId: null })
  }
  const visitor = { session, identity: session?.identity, member }
  event.context.visitor = visitor
  return visitor
}

/** In the members access mode, the action needs a signed-in member. */
export async function requireMemberIfClosed(event: H3Event, action: string): Promise<Visitor> {
  const visitor = await useVisitor(event, { create: useConfig().ACCESS_MODE === 'open' })
  if (useConfig().ACCESS_MODE === 'members' && !visitor.member) throw unauthorized(`Sign in to ${action}`)
  return visitor.session ? visitor : useVisitor(event)
}

declare module 'h3' {
  interface H3EventContext {
    visitor?: Visitor
  }
}
