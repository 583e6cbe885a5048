import { describe, expect, test } from 'vitest'
import { readFileSync } from 'node:fs'
import { withEnvReference } from '../../../scripts/docs/env-reference.ts'

describe('README', () => {
  test('its variable table is the config schema as it is now (npm run docs:env)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readme).toBe(withEnvReference(readme))
  })
})
