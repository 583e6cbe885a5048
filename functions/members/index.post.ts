import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, members, withTransaction, type Invitation } from '#runtime'
import { memberRoleSchema, requireAdmin } from '../_lib/admin.ts'
import { accountJson } from '../_lib/account-json.ts'
import { createInvite } from '../_lib/auth/invites.ts'
import { displayNameSchema } from '../_lib/display-name.ts'
import { audit } from '../_lib/audit.ts'
import { assertSignInAvailable } from '../_lib/auth/redis-required.ts'

const body = v.object({
  email: v.pipe(v.string('must be a string'), v.trim(), v.maxLength(254, 'must be at most 254 characters'), v.email('must be an email address')),
  displayName: v.optional(displayNameSchema),
  role: v.optional(memberRoleSchema, 'member'),
})

// An admin adds a password account and gets an invitation link for it: the person sets their own
// password there, so no admin ever knows it.
export default defineHandler(async (event): Promise<Invitation> => {
  const admin = await requireAdmin(event)
  const input = await readValidatedBody(event, body)
  assertSignInAvailable()
  const member = await withTransaction(async (db) => {
    const created = await members.createMember(db, { email: input.email, displayName: input.displayName, role: input.role }).catch((error: Error) => {
      throw error instanceof members.MemberExistsError ? conflict(error.message) : error
    })
    await audit(admin.identity, 'member.invited', created.email, { memberId: created.id, role: created.role }, db)
    return created
  })
  event.res.status = 201
  return { member: accountJson(member), invite: await createInvite(member.id) }
})
