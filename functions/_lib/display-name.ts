import * as v from 'valibot'

// Invisible format characters (Cf) are refused, except those names are written with: the zero-width
// joiner and non-joiner (emoji sequences, Persian, Indic scripts) and the tag characters of
// subdivision flags (England's, Scotland's). Bidirectional controls (overrides, embeddings,
// isolates, marks) are Cf too: they would reorder the text around a name on other people's screens.
const CONTROL = /[\p{Cc}\u2028\u2029]/u
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u
// oxlint-disable-next-line no-misleading-character-class -- ZWNJ and ZWJ are listed on purpose, as separate characters
const INVISIBLE = /(?![\u200c\u200d\u{e0020}-\u{e007f}])\p{Cf}/u
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u

export const displayNameSchema = v.pipe(
  v.string('must be a string'),
  // A lone surrogate is not text: it cannot be stored as UTF-8 or shown, and breaks JSON for others.
  v.check((name) => name.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(64, 'must be at most 64 characters'),
  // Control characters would garble other people's screens and logs.
  v.check((name) => !CONTROL.test(name), 'must not contain control characters'),
  v.check((name) => !BIDI.test(name), 'must not contain bidirectional control characters'),
  v.check((name) => !INVISIBLE.test(name), 'must not contain invisible format characters'),
  v.check((name) => VISIBLE.test(name), 'must contain a visible character'),
)
