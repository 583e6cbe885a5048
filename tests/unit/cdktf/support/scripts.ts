import { execFile } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { contentBytes, fileAt, type CloudConfig } from './user-data.ts'

const run = promisify(execFile)

export const scratchDir = () => mkdtempSync(join(tmpdir(), 'meet-cloud-init-'))

// Copies a file cloud-init would write into a scratch directory, as the instance would have it.
export function extract(config: CloudConfig, path: string, dir: string): string {
  const target = join(dir, path.split('/').pop()!)
  writeFileSync(target, contentBytes(fileAt(config, path)))
  chmodSync(target, Number.parseInt(fileAt(config, path).permissions, 8))
  return target
}

// Runs one of the instance's scripts with bash, asynchronously so in-process servers keep answering.
export async function runScript(script: string, env: Record<string, string>) {
  return run('bash', [script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 60_000 })
}
