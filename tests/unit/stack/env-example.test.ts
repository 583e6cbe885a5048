import { describe, expect, test } from 'vitest'
import { variables } from '../../../runtime/config/variables.ts'
import { readRepoFile } from './support/stack-files.ts'

const example = readRepoFile('.env.example')
const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]))

describe('.env.example', () => {
  test('documents every variable the runtime reads (runtime/config/variables.ts)', () => {
    expect(Object.keys(variables).filter((name) => !documented.has(name))).toEqual([])
  })

  test("documents every variable compose.yaml reads, and the stack's own settings", () => {
    const used = [
      ...readRepoFile('compose.yaml')
        .replace(/^\s*#.*$/gm, '')
        .matchAll(/(?<!\$)\$\{(\w+)/g),
    ].map((match) => match[1])
    const stack = [
      'POSTGRES_USER',
      'POSTGRES_PASSWORD',
      'POSTGRES_DB',
      'DOMAIN',
      'ACME_EMAIL',
      'LIVEKIT_NODE_IP',
      'IMAGE_REGISTRY',
      'IMAGE_TAG',
      'COMPOSE_PROFILES',
      'LOCALSTACK_AUTH_TOKEN',
      'RUNTIME_URL',
    ]
    expect([...new Set([...used, ...stack])].filter((name) => !documented.has(name))).toEqual([])
  })

  test('sets no secret: those are left empty for `npm run secrets`', () => {
    expect(example).toMatch(/^POSTGRES_PASSWORD=$/m)
    expect(example).toMatch(/^LIVEKIT_API_KEY=$/m)
    expect(example).toMatch(/^LIVEKIT_API_SECRET=$/m)
    expect(example).toMatch(/^POSTGRES_DB=livekit_conference$/m)
  })

  test('.env is ignored by git, the example is not', () => {
    const ignore = readRepoFile('.gitignore').split('\n')
    expect(ignore).toContain('.env')
    expect(ignore).toContain('!.env.example')
  })
})
