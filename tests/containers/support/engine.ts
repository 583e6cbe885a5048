import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { cacheDir } from '../../../native/cache-dir.ts'
import { startServiceProcess } from '../../../native/process.ts'

/** The Docker client: Debian's docker.io (its BuildKit needs no buildx plugin); DOCKER_BIN overrides. */
const dockerBinary = process.env.DOCKER_BIN ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker')
const dockerdBinary = process.env.DOCKERD_BIN ?? ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((path) => existsSync(path))

export interface Engine {
  /** DOCKER_HOST for every client (docker, docker compose) the tests run. */
  host: string
  stop: () => Promise<void>
}

/** Runs the Docker client against `host`; throws with its output when it fails unless `allowFailure`. */
export function docker(
  host: string,
  args: string[],
  options: { input?: string; allowFailure?: boolean; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> {
  const result = spawnSync(dockerBinary, args, {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOCKER_BUILDKIT: '1', ...options.env, DOCKER_HOST: host },
  })
  if (!options.allowFailure && result.status !== 0) {
    throw new Error(
      `docker ${args.join(' ')} failed (${result.status ?? result.signal}):\n${(result.stderr || result.stdout || String(result.error ?? '')).slice(-4000)}`,
    )
  }
  return result
}

/**
 * The engine the container suite runs on. MEET_DOCKER_HOST names an engine that already runs
 * (GitHub's runners have one); otherwise a dockerd of its own starts, with its socket and run
 * state in a temporary folder and its images in ~/.cache/meet/docker (kept between runs: that is
 * the suite's build cache), and stops when the suite ends.
 */
export async function startEngine(): Promise<Engine> {
  if (process.env.MEET_DOCKER_HOST) return { host: process.env.MEET_DOCKER_HOST, stop: async () => {} }
  if (!dockerdBinary || !existsSync(dockerdBinary))
    throw new Error(`dockerd${dockerdBinary ? ` (${dockerdBinary})` : ''} is not installed: apt-get install -y docker.io (npm run setup)`)
  const dataRoot = join(cacheDir(), 'docker', 'data')
  mkdirSync(dataRoot, { recursive: true })
  const releaseLock = await lockDataRoot(join(cacheDir(), 'docker', 'engine.lock'))
  const runDir = mkdtempSync(join(tmpdir(), 'meet-docker-'))
  const host = `unix://${join(runDir, 'docker.sock')}`
  const dockerd = await startServiceProcess({
    name: 'dockerd',
    command: dockerdBinary,
    args: [
      '--data-root',
      dataRoot,
      '--exec-root',
      join(runDir, 'exec'),
      '--pidfile',
      join(runDir, 'dockerd.pid'),
      '--host',
      host,
      '--storage-driver',
      'overlay2',
      '--log-level',
      'warn',
    ],
    ready: async () => docker(host, ['version', '--format', '{{.Server.Version}}'], { allowFailure: true }).status === 0,
    readyTimeoutMs: 60_000,
  }).catch((error) => {
    releaseLock()
    throw error
  })
  return {
    host,
    stop: async () => {
      await dockerd.stop()
      // A namespace mount left by a killed container keeps its folder busy; the rest goes.
      try {
        rmSync(runDir, { recursive: true, force: true })
      } catch {}
      releaseLock()
    },
  }
}

/**
 * One dockerd per data root: a second suite (another clone's `npm test`) waits for the first to
 * finish instead of starting a second engine on the same images and the same bridge.
 */
async function lockDataRoot(lockFile: string, timeoutMs = 45 * 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      return () => rmSync(lockFile, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(readFileSync(lockFile, 'utf8'))
    if (!isAlive(holder)) rmSync(lockFile, { force: true }) // left by a run that was killed
    else if (Date.now() > deadline) throw new Error(`${lockFile}: the Docker engine of process ${holder} is still in use`)
    else await sleep(5_000)
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
