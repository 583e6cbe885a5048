import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { caddyBinary } from '../../support/caddy-l4.ts'
import { requireExecutable } from '../../../native/executable.ts'
import { repoRoot } from './support/stack-files.ts'

function caddyValidate(file: string, env: Record<string, string>) {
  const result = spawnSync(requireExecutable(caddyBinary), ['validate', '--config', join(repoRoot, file), '--adapter', 'caddyfile'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  })
  return { status: result.status, output: result.stdout + result.stderr }
}

describe('caddy validate (Caddy with layer4, as caddy/Dockerfile builds it)', () => {
  test('accepts Caddyfile with the instance settings', () => {
    const { status, output } = caddyValidate('Caddyfile', { DOMAIN: 'meet.example.com', ACME_EMAIL: 'ops@example.com' })
    expect(output).toContain('Valid configuration')
    expect(status).toBe(0)
  })

  test('accepts Caddyfile.local with its defaults', () => {
    const { status, output } = caddyValidate('Caddyfile.local', {})
    expect(output).toContain('Valid configuration')
    expect(status).toBe(0)
  })
})
