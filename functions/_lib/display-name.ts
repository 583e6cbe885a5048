import * as v from 'valibot'

export const displayNameSchema = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(64, 'must be at most 64 characters'),
  // Control characters would garble other people's screens and logs.
  v.regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u, 'must not contain control characters'),
)
