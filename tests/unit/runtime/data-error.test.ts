import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { dataErrorMessage } from '../../../runtime/http/data-error.ts'

describe('PostgreSQL data exceptions', () => {
  test('class 22 (a value that cannot be stored) is found, however deep in the causes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^22[0-9A-Z]{3}$/), fc.nat({ max: 3 }), (code, depth) => {
        let error: { message: string; code?: string; cause?: unknown } = { message: 'value too long for type character varying(64)', code }
        for (let i = 0; i < depth; i++) error = { message: 'wrapped', cause: error }
        expect(dataErrorMessage(error)).toBe('value too long for type character varying(64)')
      }),
    )
  })

  test('other errors are not mistaken for bad input', () => {
    for (const code of ['23505', '57P01', '08006', 'ECONNREFUSED', undefined]) expect(dataErrorMessage({ message: 'x', code })).toBeUndefined()
    expect(dataErrorMessage(undefined)).toBeUndefined()
  })
})
