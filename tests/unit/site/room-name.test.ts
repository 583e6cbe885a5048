import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import * as v from 'valibot'
import { roomNameFromInput } from '../../../site/src/lib/room-name.ts'
import { roomNameSchema } from '../../../functions/_lib/room-name.ts'

const roomName = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$/)
const typed = fc.oneof(
  fc.string({ maxLength: 80 }),
  roomName,
  roomName.map((name) => name.toUpperCase()),
  fc.constantFrom(' ab-c ', 'a-', '-ab', 'ab', '%E0%A4%A', 'a'.repeat(65)),
)

describe('meeting name from what a person typed on the home page', () => {
  test('accepts exactly the names the API accepts, as the API normalizes them', () => {
    fc.assert(
      fc.property(
        typed.filter((text) => !text.includes('/rooms/')),
        (text) => {
          const api = v.safeParse(roomNameSchema, text)
          expect(roomNameFromInput(text)).toBe(api.success ? api.output : undefined)
        },
      ),
    )
  })

  test('an invite link gives its meeting name, whatever the host, query or fragment', () => {
    fc.assert(
      fc.property(roomName, fc.webUrl(), fc.webQueryParameters(), fc.webFragments(), (name, origin, query, fragment) => {
        const link = `${new URL(origin).origin}/rooms/${name.toUpperCase()}?${query}#${fragment}`
        expect(roomNameFromInput(link)).toBe(name)
      }),
    )
  })
})
