import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { hashPassword, members, notFound, startMemberSession, useDb, PASSWORD_RULE, type FunctionMeta, type SignedIn } from '#runtime'
import { takeInvite } from '../_lib/auth/invites.ts'
import { assertSignInAvailable } from '../_lib/auth/redis-required.ts'
import { accountJson } from '../_lib/account-json.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

const body = v.object({
  token: v.pipe(v.string('must be a string'), v.maxLength(64, 'is not an invitation')),
  password: v.pipe(
    v.string('must be a string'),
    v.minLength(PASSWORD_RULE.min, `must have at least ${PASSWORD_RULE.min} characters`),
    v.maxLength(PASSWORD_RULE.max, `must be at most ${PASSWORD_RULE.max} characters`),
  ),
})

// Accepting an invitation: the person sets their password and is signed in. The link works once.
export default defineHandler(async (event): Promise<SignedIn> => {
  const { token, password } = await readValidatedBody(event, body)
  assertSignInAvailable()
  const memberId = await takeInvite(token)
  const member = memberId && (await members.findActiveMember(useDb(), memberId))
  if (!member) throw notFound('This invitation is not valid any more; ask an admin for a new one')
  await members.updateMember(useDb(), member.id, { passwordHash: await hashPassword(password) })
  await startMemberSession(event, member.id)
  return { member: accountJson(member) }
})
