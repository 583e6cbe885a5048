import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { freePort } from '../native/free-port.ts'
import { startServiceProcess } from '../native/process.ts'
import { httpAnswers } from '../native/probes.ts'
import type { ServiceUrls } from '../native/services.ts'

/**
 * LiveKit Meet (github.com/livekit-examples/meet), built by the person running the benchmark outside
 * this repository (nothing of it is copied here), served with its own `next start` against the same
 * livekit-server the publishers are in. Its /api/connection-details signs tokens with the same key.
 */
export interface RunningMeet {
  url: string
  dir: string
  /** the checkout's commit, when `dir` is a git work tree */
  commit: string | undefined
  stop(): Promise<void>
}

export async function startLivekitMeet(dir: string, services: ServiceUrls): Promise<RunningMeet> {
  dir = resolve(dir)
  const next = join(dir, 'node_modules/next/dist/bin/next')
  if (!existsSync(join(dir, '.next/BUILD_ID')) || !existsSync(next))
    throw new Error(`${dir} is not a built LiveKit Meet: run its install and \`next build\` there first (see bench/room-page.ts)`)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = await startServiceProcess({
    name: 'LiveKit Meet (next start)',
    command: process.execPath,
    args: [next, 'start', dir, '-p', String(port), '-H', '127.0.0.1'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LIVEKIT_URL: services.livekitUrl,
      LIVEKIT_API_KEY: services.livekitKey,
      LIVEKIT_API_SECRET: services.livekitSecret,
    },
    ready: () => httpAnswers(url).catch(() => false),
    readyTimeoutMs: 60_000,
  })
  let commit: string | undefined
  try {
    commit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    commit = undefined
  }
  return { url, dir, commit, stop: server.stop }
}

/** Meet's room page: its pre-join (LiveKit's PreJoin component), then the conference grid. */
export async function joinMeetRoom(page: Page, meet: RunningMeet, roomName: string, name: string) {
  await page.goto(`${meet.url}/rooms/${roomName}`)
  await page.fill('#username', name)
  await page.click('button.lk-join-button')
  await page.locator('.lk-video-conference').waitFor({ state: 'visible', timeout: 60_000 })
}
