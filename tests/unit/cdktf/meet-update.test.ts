import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { extract, scratchDir } from './support/scripts.ts'
import { instanceOf, synthWith } from './support/synth.ts'
import { decodeUserData, fileAt } from './support/user-data.ts'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)
const { config } = decodeUserData(instanceOf(synthWith({ IMAGE_TAG: 'v1' }).tf).metadata.user_data)

// "Caddy": answers /api/health/ready from the tag that runs; tags starting with "broken" start
// (their container is healthy) but fail through the proxy.
let caddy: Server
let healthUrl: string
beforeAll(async () => {
  caddy = createServer((request, response) => {
    const file = join(String(request.headers['x-vm']), 'running')
    const tag = existsSync(file) ? readFileSync(file, 'utf8').trim() : ''
    response.writeHead(tag && !tag.startsWith('broken') ? 200 : 503).end()
  })
  await new Promise<void>((resolve) => caddy.listen(0, '127.0.0.1', resolve))
  healthUrl = `http://127.0.0.1:${(caddy.address() as AddressInfo).port}/api/health/ready`
})
afterAll(() => caddy.close())

// meet-update as cloud-init installs it, with /etc/meet in a scratch folder, Compose played by a
// stand-in and meet-env by a copy of deploy.env into .env.
function machine() {
  const dir = scratchDir()
  const etc = join(dir, 'etc-meet')
  mkdirSync(etc)
  extract(config, '/etc/meet/deploy.env', etc)
  const script = extract(config, '/usr/local/sbin/meet-update', dir)
  const envCmd = join(dir, 'meet-env')
  writeFileSync(envCmd, `#!/bin/bash\ncp "${etc}/deploy.env" "${dir}/.env"\n`)
  chmodSync(envCmd, 0o755)
  // The same request header tells the fake Caddy which machine asks.
  const curlDir = join(dir, 'bin')
  mkdirSync(curlDir)
  writeFileSync(join(curlDir, 'curl'), `#!/bin/bash\nexec /usr/bin/curl -H "x-vm: ${dir}" "$@"\n`)
  chmodSync(join(curlDir, 'curl'), 0o755)
  const run = async (...args: string[]) => {
    try {
      const { stderr } = await execFileAsync('bash', [script, ...args], {
        env: {
          PATH: `${curlDir}:${process.env.PATH}`,
          MEET_ETC_DIR: etc,
          MEET_COMPOSE: join(import.meta.dirname, 'support/fake-compose-update.sh'),
          MEET_ENV_CMD: envCmd,
          MEET_HEALTH_URL: healthUrl,
          MEET_HEALTH_WAIT_SECONDS: '3',
          FAKE_DIR: dir,
        },
        timeout: 120_000,
      })
      return { code: 0, stderr }
    } catch (error) {
      return { code: (error as { code: number }).code, stderr: (error as { stderr: string }).stderr }
    }
  }
  // The first boot already runs v1.
  writeFileSync(join(dir, 'running'), 'v1\n')
  const tag = () => /^IMAGE_TAG=(.*)$/m.exec(readFileSync(join(etc, 'deploy.env'), 'utf8'))![1]
  const releases = () => readFileSync(join(etc, 'releases'), 'utf8').trim().split('\n')
  const calls = () => readFileSync(join(dir, 'calls'), 'utf8')
  return { run, tag, releases, calls, running: () => readFileSync(join(dir, 'running'), 'utf8').trim() }
}

describe('meet-update', () => {
  test('a healthy new tag is taken: pulled, started with up --wait, checked through Caddy, recorded', async () => {
    const vm = machine()
    const result = await vm.run('v2')
    expect(result.stderr).toContain('[meet-update] now running v2 (previous: v1; meet-update --rollback returns to it)')
    expect(result.code).toBe(0)
    expect([vm.tag(), vm.running()]).toEqual(['v2', 'v2'])
    expect(vm.releases()).toEqual(['v1', 'v2'])
    expect(vm.calls()).toMatch(/^pull runtime site caddy\nup --detach --wait --wait-timeout 300\n$/)
  }, 150_000)

  test.each([
    ['whose container never becomes healthy', 'unhealthy-v3'],
    ['that starts but fails through Caddy', 'broken-v3'],
    ['that cannot be pulled', 'missing-v3'],
  ])(
    'an image %s is rolled back automatically and the previous version answers again',
    async (_, bad) => {
      const vm = machine()
      expect((await vm.run('v2')).code).toBe(0)
      const result = await vm.run(bad)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`[meet-update] ${bad} did not come up healthy; putting v2 back`)
      expect(result.stderr).toContain(`[meet-update] rolled back: running v2 again; ${bad} was not kept`)
      expect([vm.tag(), vm.running()]).toEqual(['v2', 'v2'])
      expect(vm.releases()).toEqual(['v1', 'v2'])
    },
    150_000,
  )

  test('--rollback returns to the release before, and then there is none earlier', async () => {
    const vm = machine()
    await vm.run('v2')
    const back = await vm.run('--rollback')
    expect(back.stderr).toContain('[meet-update] now running v1 (previous: v2')
    expect([vm.tag(), vm.running(), vm.releases()]).toEqual(['v1', 'v1', ['v1']])
    const none = await vm.run('--rollback')
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('no earlier release to return to')
  }, 150_000)

  test('refuses what is not an image tag, changing nothing', async () => {
    const vm = machine()
    const result = await vm.run('v2; rm -rf /')
    expect(result.code).toBe(2)
    expect(vm.tag()).toBe('v1')
  })

  test('is installed by cloud-init', () => {
    expect(fileAt(config, '/usr/local/sbin/meet-update').permissions).toBe('0755')
  })
})
