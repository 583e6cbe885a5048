import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import {
  forbidden,
  members,
  startMemberSession,
  unauthorized,
  useDb,
  verifyDecoy,
  verifyPassword,
  PASSWORD_RULE,
  type FunctionMeta,
  type SignedIn,
} from '#runtime'
import { assertMayTry, recordFailure, recordSuccess } from '../_lib/auth/sign-in-limits.ts'
import { assertSignInAvailable } from '../_lib/auth/redis-required.ts'
import { accountJson } from '../_lib/account-json.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

const body = v.object({
  email: v.pipe(v.string('must be a string'), v.trim(), v.minLength(3, 'must be an email address'), v.maxLength(254, 'must be at most 254 characters')),
  password: v.pipe(
    v.string('must be a string'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(PASSWORD_RULE.max, `must be at most ${PASSWORD_RULE.max} characters`),
  ),
})

// One answer for an unknown email and a wrong password (same status, body and headers, and a
// decoy hash check so both take as long); a new session id on success.
export default defineHandler(async (event): Promise<SignedIn> => {
  const { email, password } = await readValidatedBody(event, body)
  assertSignInAvailable()
  await assertMayTry(event, email)
  const found = await members.findMemberForSignIn(useDb(), email)
  const valid = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : await verifyDecoy(password)
  if (!found || !valid) {
    await recordFailure(event, email)
    throw unauthorized('Email or password is incorrect')
  }
  // Only someone who knows the password learns that the account is disabled.
  if (found.member.state !== 'active') throw forbidden('This account is disabled; ask an admin')
  await recordSuccess(event, email)
  await startMemberSession(event, found.member.id)
  return { member: accountJson(found.member) }
})
