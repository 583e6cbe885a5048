import { defineHandler, getValidatedRouterParams, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { conflict, members, notFound, withTransaction, type PersonAnswer } from '#runtime'
import { memberRoleSchema, requireAdmin } from '../_lib/admin.ts'
import { accountJson } from '../_lib/account-json.ts'
import { audit } from '../_lib/audit.ts'

const path = v.object({ id: v.pipe(v.string(), v.uuid('must be a member id')) })
const body = v.pipe(
  v.object({ role: v.optional(memberRoleSchema), state: v.optional(v.picklist(['active', 'disabled'], 'must be active or disabled')) }),
  v.check((change) => change.role !== undefined || change.state !== undefined, 'role or state: one of them must be given'),
)

// Make admin, disable, enable. A disabled member is signed out at their next request. Admins
// cannot demote or disable themselves, so the last admin cannot lock everyone out by a click.
export default defineHandler(async (event): Promise<PersonAnswer> => {
  const admin = await requireAdmin(event)
  const { id: memberId } = await getValidatedRouterParams(event, path)
  const change = await readValidatedBody(event, body)
  if (memberId === admin.id && (change.role === 'member' || change.state === 'disabled')) throw conflict('You cannot demote or disable your own account')
  const member = await withTransaction(async (db) => {
    const updated = await members.updateMember(db, memberId, change)
    if (!updated) throw notFound(`Member ${memberId} does not exist`)
    await audit(admin.identity, 'member.updated', updated.email, { memberId, ...change }, db)
    return updated
  })
  return { member: { ...accountJson(member), state: member.state } }
})
