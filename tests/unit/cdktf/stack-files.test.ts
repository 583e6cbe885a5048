import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { readStackFiles, stackFileNames, StackFilesMissingError } from '../../../cdktf/cloud-init/stack-files.ts'

describe('the Compose files the instance gets', () => {
  test('are read from the repository as they are, bytes included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meet-stack-files-'))
    const bytes = Buffer.from('services:\r\n  tab:\t"é"\n', 'utf8')
    for (const name of stackFileNames) {
      mkdirSync(dirname(join(dir, name)), { recursive: true })
      writeFileSync(join(dir, name), bytes)
    }
    expect(readStackFiles(dir)['compose.yaml'].equals(bytes)).toBe(true)
  })

  test('a missing one stops synthesis with its name, never with a stand-in copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meet-stack-files-'))
    writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n')
    writeFileSync(join(dir, 'Caddyfile'), ':80\n')
    expect(() => readStackFiles(dir)).toThrow(StackFilesMissingError)
    expect(() => readStackFiles(dir)).toThrow(`livekit.yaml, egress.yaml, compose.primary.yaml, compose.node.yaml, monitoring/prometheus.yml`)
    expect(() => readStackFiles(dir)).toThrow(`are missing from ${dir}`)
  })
})
