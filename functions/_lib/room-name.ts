import { randomInt } from 'node:crypto'
import * as v from 'valibot'

// Room names end up in URLs, LiveKit room names and S3 keys: keep them to a safe alphabet.
export const roomNameSchema = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.minLength(3, 'must be 3-64 characters'),
  v.maxLength(64, 'must be 3-64 characters'),
  v.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'may hold only a-z, 0-9 and inner dashes'),
)

const LETTERS = 'abcdefghijkmnopqrstuvwxyz'
const letters = (n: number) => Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join('')

/** Easy to read aloud, like `abc-defg-hij`. */
export const generateRoomName = () => `${letters(3)}-${letters(4)}-${letters(3)}`
