import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import * as v from 'valibot'
import { displayNameSchema } from '../../../functions/_lib/display-name.ts'

const ZWJ = '\u200d'
const ZWNJ = '\u200c'
/** Names people really have: scripts written with joiners, emoji ZWJ and flag sequences. */
const written = fc.constantFrom(
  'می\u200cخواهم', // Persian: ZWNJ inside a word
  'क्\u200dष', // Devanagari: ZWJ for a half form
  'ശ്രീ\u200dകുമാർ', // Malayalam chillu
  '👩\u200d💻',
  '👨\u200d👩\u200d👧\u200d👦',
  '🏳️\u200d🌈',
  '🧑🏽\u200d🚀',
  '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}', // England's flag: tag characters
  'Zoë',
  '李小龍',
  'Ada Lovelace',
)
const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => v.safeParse(displayNameSchema, s).success)
const wellFormed = fc
  .tuple(fc.array(fc.oneof(written, word), { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', ZWJ, ZWNJ))
  .map(([parts, glue]) => parts.join(glue))

const refusal = (input: unknown) => {
  const result = v.safeParse(v.object({ displayName: displayNameSchema }), { displayName: input })
  return result.success ? undefined : { field: v.getDotPath(result.issues[0]), message: result.issues[0].message }
}
/** `text` put between two code points of `name` (never inside a surrogate pair). */
const insert = (name: string, at: number, text: string) => {
  const points = Array.from(name)
  points.splice(at % (points.length + 1), 0, text)
  return points.join('')
}

describe('display names', () => {
  test('well-formed names with joiners, non-joiners and emoji sequences are accepted as written', () => {
    fc.assert(
      fc.property(
        wellFormed.filter((name) => name.length <= 64),
        (name) => {
          expect(refusal(name)).toBeUndefined()
          expect(v.parse(displayNameSchema, name)).toBe(name.trim())
        },
      ),
    )
  })

  test('a lone surrogate, a control character or a bidi override anywhere is refused, naming the field', () => {
    const bad = fc.oneof(
      fc.constantFrom('\ud800', '\udfff', '\ud83d').map((text) => ({ text, rule: /well-formed/ })),
      fc
        .integer({ min: 0, max: 0x9f })
        .filter((c) => c < 0x20 || (c >= 0x7f && c <= 0x9f))
        .map((c) => ({ text: String.fromCharCode(c), rule: /control/ })),
      fc
        .constantFrom('\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c')
        .map((text) => ({ text, rule: /bidirectional/ })),
      fc.constantFrom('\ufeff', '\u200b', '\u2060', '\u00ad').map((text) => ({ text, rule: /invisible/ })),
    )
    fc.assert(
      fc.property(
        wellFormed.filter((name) => name.length < 60),
        fc.nat(),
        bad,
        (name, at, { text, rule }) => {
          // Between letters, so that trimming cannot remove the character and a surrogate cannot pair up.
          const refused = refusal(insert(name, at, `x${text}x`))
          expect(refused?.field).toBe('displayName')
          expect(refused?.message).toMatch(rule)
        },
      ),
    )
  })

  test('invisible-only names are refused', () => {
    expect(refusal(ZWJ)?.message).toMatch(/visible/)
    expect(refusal(`${ZWNJ}${ZWJ}`)?.message).toMatch(/visible/)
    expect(refusal('   ')?.message).toMatch(/empty/)
  })
})
