import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import type { H3Event } from 'h3'
import * as v from 'valibot'
import { apiError, createRateLimiter, useRedis, type Limit } from '#runtime'
import { refused, type ControlledMeeting } from './access.ts'

const derive = promisify(scrypt) as (passcode: string, salt: Buffer, length: number) => Promise<Buffer>

/** What a host may set: short enough to read out, long enough to matter. */
export const passcodeSchema = v.pipe(
  v.string('must be a string'),
  v.minLength(4, 'must be at least 4 characters'),
  v.maxLength(64, 'must be at most 64 characters'),
  v.regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u, 'must not contain control characters'),
)

/** What a guest may try: anything up to a bound; a wrong passcode is a 403, never a 400 hint. */
export const passcodeAttemptSchema = v.pipe(v.string('must be a string'), v.maxLength(256, 'must be at most 256 characters'))

// Stored as scrypt "salt:hash"; the passcode itself is never kept or logged.
export async function hashPasscode(passcode: string): Promise<string> {
  const salt = randomBytes(16)
  return `${salt.toString('hex')}:${(await derive(passcode.normalize('NFC'), salt, 32)).toString('hex')}`
}

async function matches(passcode: string, stored: string): Promise<boolean> {
  const [salt, hash] = stored.split(':')
  const expected = Buffer.from(hash, 'hex')
  const actual = await derive(passcode.normalize('NFC'), Buffer.from(salt, 'hex'), expected.length)
  return timingSafeEqual(actual, expected)
}

// Ten tries per client and meeting every ten minutes: enough for typos, far too few to guess.
const ATTEMPTS: Limit = { max: 10, windowSeconds: 600 }
let limiter: ReturnType<typeof createRateLimiter> | undefined

export async function checkPasscode(event: H3Event, meeting: ControlledMeeting, passcode: string | undefined): Promise<void> {
  if (!meeting.passcode_hash) return
  if (!passcode) throw refused('passcode', 'This meeting needs a passcode')
  limiter ??= createRateLimiter(useRedis())
  const decision = await limiter(`passcode:${meeting.id}:${event.context.clientKey ?? 'unknown'}`, ATTEMPTS)
  if (!decision.allowed) {
    event.res.headers.set('retry-after', String(decision.retryAfterSeconds))
    throw apiError(429, 'rate_limited', `Too many passcode attempts; try again in ${decision.retryAfterSeconds} s`)
  }
  if (!(await matches(passcode, meeting.passcode_hash))) throw refused('passcode', 'The passcode is not right')
}
