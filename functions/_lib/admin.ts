import type { H3Event } from 'h3'
import { forbidden, unauthorized, type Member } from '#runtime'
import { useVisitor } from './visitor.ts'

/** The signed-in admin behind the request: 401 for anyone not signed in, 403 for a member. */
export async function requireAdmin(event: H3Event): Promise<Member & { identity: string }> {
  const { member, identity } = await useVisitor(event, { create: false })
  if (!member) throw unauthorized('Sign in as an admin to manage people')
  if (member.role !== 'admin') throw forbidden('Only admins can manage people')
  return { ...member, identity: identity! }
}
