import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, test } from 'vitest'
import { readCompose, repoRoot } from './support/stack-files.ts'

// The egress service's own entrypoint script, run by sh as in the container: it fills
// egress.yaml from the environment, then execs the image's entrypoint (a stand-in here
// that prints the config Egress would read).
function renderAsTheContainerDoes(environment: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'meet-egress-'))
  const imageEntrypoint = join(dir, 'entrypoint.sh')
  writeFileSync(imageEntrypoint, '#!/bin/sh\nprintf "%s" "$EGRESS_CONFIG_BODY"\n')
  chmodSync(imageEntrypoint, 0o755)
  const [shell, flag, script] = readCompose().services.egress.entrypoint!
  // Compose turns `$$` into `$` before the container sees the script.
  const unescaped = script.replaceAll('$$', '$').replace('/etc/egress.yaml', join(repoRoot, 'egress.yaml')).replace('/entrypoint.sh', imageEntrypoint)
  return parse(execFileSync(shell, [flag, unescaped], { env: { PATH: process.env.PATH, ...environment }, encoding: 'utf8' }))
}

describe('egress.yaml as Egress reads it', () => {
  const environment = {
    ...Object.fromEntries(Object.entries(readCompose().services.egress.environment!).map(([name, value]) => [name, value.replace(/\$\{\w+:-([^}]*)\}/, '$1')])),
    LIVEKIT_API_KEY: 'APIabc',
    LIVEKIT_API_SECRET: 'a'.repeat(64),
  }
  const config = renderAsTheContainerDoes(environment)

  test("has the API key and secret LiveKit accepts, and LiveKit's URL", () => {
    expect(config).toMatchObject({ api_key: 'APIabc', api_secret: 'a'.repeat(64), ws_url: 'ws://livekit:7880' })
  })

  test("uses LiveKit's Redis, without a password on one machine", () => {
    expect(config.redis).toEqual({ address: 'redis:6379', password: '' })
  })

  test("with media nodes or recorders, the primary's Redis password", () => {
    expect(renderAsTheContainerDoes({ ...environment, REDIS_ADDRESS: '10.0.1.23:6379', REDIS_PASSWORD: '1234e5' }).redis).toEqual({
      address: '10.0.1.23:6379',
      password: '1234e5',
    })
  })

  test('uploads to S3 with path-style URLs, every storage field filled', () => {
    expect(config.storage.s3).toEqual({
      access_key: 'test',
      secret: 'test',
      region: 'us-east-1',
      endpoint: 'http://ministack:4566',
      bucket: 'livekit-recordings',
      force_path_style: true,
    })
  })

  test('leaves no placeholder unfilled (the Redis password aside, empty on one machine)', () => {
    expect(JSON.stringify({ ...config, redis: { address: config.redis.address } })).not.toMatch(/\$\{|:""|null/)
  })
})
