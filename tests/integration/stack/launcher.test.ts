import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { readdir, readFile, readlink, rm } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../native/free-port.ts'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'
import { createTally, recordFigure } from '../../support/figures.ts'

// `npm start` is `node native/launch.ts` after the prestart install; the install is what
// scripts/install-deps.sh already did for this test run.
interface Launch {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function launch(clone: string, env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ['native/launch.ts'], {
    cwd: clone,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  return { child, output: () => output, exited: once(child, 'exit').then(([code]) => code as number | null) }
}

async function untilStarted(running: Launch) {
  const started = new Promise<void>((resolve) => {
    const check = () => running.output().includes('Ctrl-C stops everything') && resolve()
    running.child.stdout!.on('data', check)
  })
  const code = await Promise.race([started.then(() => 'started'), running.exited])
  if (code !== 'started') throw new Error(`the launcher exited (${code}):\n${running.output()}`)
}

/** The process of this clone whose command line is `node <script>`. */
async function pidOf(clone: string, script: string): Promise<number | undefined> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const [args, cwd] = await Promise.all([readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => ''), readlink(`/proc/${entry}/cwd`).catch(() => '')])
    if (cwd === clone && args.split('\0').includes(script) && !args.includes('setpriv')) return Number(entry)
  }
}

/** Resolves once the launcher has printed a line matching `pattern` (after `from` characters). */
async function untilPrinted(running: Launch, pattern: RegExp, from: number, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (!pattern.test(running.output().slice(from))) {
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${running.output().slice(from)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })

describe('npm start from a clean clone', () => {
  let clone: string
  let env: Record<string, string>
  let running: Launch | undefined
  // The address npm start shows: the site answers only for PUBLIC_URL's host (localhost by default).
  const site = () => `http://localhost:${env.SITE_PORT}`

  beforeAll(async () => {
    clone = mkdtempSync(join(tmpdir(), 'meet-clone-'))
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, clone])
    // Installed packages are shared: a clone's own `npm ci` would only repeat the download.
    symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'))
    if (existsSync(join(repoRoot, 'site', 'node_modules'))) symlinkSync(join(repoRoot, 'site', 'node_modules'), join(clone, 'site', 'node_modules'))
    // Fixed ports as in .env, moved aside so this test never meets a developer's running stack.
    env = Object.fromEntries(
      await Promise.all(
        ['SITE_PORT', 'RUNTIME_PORT', 'S3_PORT', 'POSTGRES_PORT', 'REDIS_PORT', 'LIVEKIT_PORT', 'LIVEKIT_RTC_TCP_PORT', 'LIVEKIT_TURN_UDP_PORT'].map(
          async (name) => [name, String(await freePort())],
        ),
      ),
    )
    // A moved SITE_PORT moves the address people open, as docs/operations.md says to set it.
    env.PUBLIC_URL = `http://localhost:${env.SITE_PORT}`
  }, 120_000)

  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGINT')
      await running.exited
    }
    await rm(clone, { recursive: true, force: true })
  })

  let roomName: string
  test('brings every service up, shows each one ready, and a request through the site succeeds', async () => {
    running = launch(clone, env)
    await untilStarted(running)
    for (const name of ['postgres', 'redis', 'ministack', 'livekit', 'runtime', 'site']) expect(running.output()).toMatch(new RegExp(`✔ ${name}\\s+ready`))
    expect(existsSync(join(clone, '.env'))).toBe(true)

    const created = await fetch(`${site()}/api/meetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(created.status).toBe(201)
    roomName = (await created.json()).meeting.roomName
    expect((await fetch(`${site()}/api/health/ready`)).status).toBe(200)

    // The site's CSP names the LiveKit and download origins the runtime hands to browsers (.env's).
    const { LIVEKIT_PUBLIC_URL, S3_PUBLIC_ENDPOINT } = parseEnv(readFileSync(join(clone, '.env'), 'utf8')) as Record<string, string>
    const csp = (await fetch(`${site()}/rooms/${roomName}`)).headers.get('content-security-policy')
    expect(csp).toContain(`connect-src 'self' ${new URL(LIVEKIT_PUBLIC_URL).origin}`)
    expect(csp).toContain(`media-src 'self' ${new URL(S3_PUBLIC_ENDPOINT).origin}`)
  }, 240_000)

  test('a runtime killed as a crash would is shown as crashed, restarted with backoff, and answers again', async () => {
    const tally = createTally()
    for (let crash = 1; crash <= 2; crash++) {
      const pid = await pidOf(clone, 'runtime/main.ts')
      expect(pid, 'the runtime process').toBeDefined()
      const from = running!.output().length
      process.kill(pid!, 'SIGKILL')
      // The second crash follows at once: the delay has doubled.
      await untilPrinted(running!, new RegExp(`✘ runtime\\s+crashed\\s+killed by SIGKILL; restarting in ${crash} s \\(restart ${crash}\\)`), from)
      await untilPrinted(running!, new RegExp(`✔ runtime\\s+ready\\s+.*\\(restarts: ${crash}\\)`), from)
      expect(await pidOf(clone, 'runtime/main.ts')).not.toBe(pid)
      const answer = await fetch(`${site()}/api/meetings/${roomName}`)
      tally.count(answer.status === 200, 2)
      expect(answer.status).toBe(200)
    }
    await recordFigure('probe-crashes-launcher', {
      area: 'Probed from outside',
      probe: 'crashes',
      scenario: 'under npm start, the runtime killed with SIGKILL twice in a row',
      checked:
        'the board shows it crashed with the delay (1 s, then 2 s) and the restart count, it comes back, and a meeting created before answers through the site',
      requests: tally.requests,
      errors: tally.breaches,
      rowsLost: 0,
    })
  }, 180_000)

  test('Ctrl-C stops every service and exits cleanly', async () => {
    running!.child.kill('SIGINT')
    expect(await running!.exited).toBe(0)
    for (const name of ['postgres', 'redis', 'ministack', 'livekit', 'runtime', 'site']) expect(running!.output()).toMatch(new RegExp(`■ ${name}\\s+stopped`))
    for (const name of ['SITE_PORT', 'RUNTIME_PORT', 'S3_PORT', 'POSTGRES_PORT', 'REDIS_PORT', 'LIVEKIT_PORT'])
      expect(await listening(Number(env[name])), name).toBe(false)
  }, 60_000)

  test('after a restart the meeting created before is still there', async () => {
    running = launch(clone, env)
    await untilStarted(running)
    const answer = await fetch(`${site()}/api/meetings/${roomName}`)
    expect(answer.status).toBe(200)
    expect((await answer.json()).meeting.roomName).toBe(roomName)
    running.child.kill('SIGINT')
    expect(await running.exited).toBe(0)
  }, 120_000)

  test('a port already taken stops the start, names the setting to change, and leaves nothing running', async () => {
    const squatter = createServer().listen(Number(env.POSTGRES_PORT), '127.0.0.1')
    await once(squatter, 'listening')
    try {
      running = launch(clone, env)
      expect(await running.exited).toBe(1)
      expect(running.output()).toContain(`port ${env.POSTGRES_PORT} is in use (POSTGRES_PORT)`)
      for (const name of ['REDIS_PORT', 'S3_PORT']) expect(await listening(Number(env[name])), name).toBe(false)
    } finally {
      squatter.close()
    }
  }, 120_000)
})
