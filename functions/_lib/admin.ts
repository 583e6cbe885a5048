import type { H3Event } from 'h3'
import * as v from 'valibot'
import { forbidden, unauthorized, type Member } from '#runtime'
import { useVisitor } from './visitor.ts'

/** A member's role, as an admin sets it (adding a member, or changing one). */
export const memberRoleSchema = v.picklist(['admin', 'member'], 'must be admin or member')

/** The signed-in admin behind the request: 401 for anyone not signed in, 403 for a member. */
export async function requireAdmin(event: H3Event): Promise<Member & { identity: string }> {
  const { member, identity } = await useVisitor(event, { create: false })
  if (!member) throw unauthorized('Sign in as an admin to manage people')
  if (member.role !== 'admin') throw forbidden('Only admins can manage people')
  return { ...member, identity: identity! }
}
