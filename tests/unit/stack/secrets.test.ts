import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fillEnv } from '../../../scripts/secrets/fill-env.ts'
import { readRepoFile, repoRoot } from './support/stack-files.ts'

const example = readRepoFile('.env.example')
const read = (text: string) => parseEnv(text) as Record<string, string>

describe('npm run secrets', () => {
  test('fills every secret with a strong random value and keeps the other settings of the example', () => {
    const first = read(fillEnv(example))
    const second = read(fillEnv(example))
    expect(first.POSTGRES_PASSWORD).toMatch(/^[0-9a-f]{48}$/)
    expect(first.LIVEKIT_API_KEY).toMatch(/^API[0-9a-f]{16}$/)
    expect(first.LIVEKIT_API_SECRET).toMatch(/^[0-9a-f]{64}$/)
    for (const name of ['POSTGRES_PASSWORD', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']) expect(first[name]).not.toBe(second[name])
    expect(first).toMatchObject({ POSTGRES_DB: 'livekit_conference', S3_BUCKET: 'livekit-recordings' })
  })

  test('never overwrites a value already set, and running it again changes nothing', () => {
    const names = [...new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]))]
    const value = fc.stringMatching(/^[\w@%+=:,./ "#-]{1,40}$/).filter((text) => text.trim() === text)
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names, 'MY_OWN_SETTING'), value), (existing) => {
        const existingText = Object.entries(existing)
          .map(([name, v]) => `${name}='${v}'`)
          .join('\n')
        const filled = fillEnv(example, existingText)
        expect(read(filled)).toMatchObject(existing)
        expect(fillEnv(example, filled)).toBe(filled)
      }),
    )
  })

  test('writes .env readable by its owner only, and keeps it on the next run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meet-secrets-'))
    const run = () => execFileSync(process.execPath, [join(repoRoot, 'scripts/gen-secrets.ts'), join(dir, '.env'), join(repoRoot, '.env.example')])
    run()
    const first = readFileSync(join(dir, '.env'), 'utf8')
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600)
    writeFileSync(join(dir, '.env'), first.replace(/^S3_BUCKET=.*$/m, 'S3_BUCKET=mine'))
    run()
    const second = read(readFileSync(join(dir, '.env'), 'utf8'))
    expect(second.S3_BUCKET).toBe('mine')
    expect(second.LIVEKIT_API_SECRET).toBe(read(first).LIVEKIT_API_SECRET)
  })
})
