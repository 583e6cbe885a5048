import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { freePort } from '../../../native/free-port.ts'
import { requireComposeBinary } from '../../unit/stack/support/compose-cli.ts'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'
import { appImages } from './images.ts'

export interface ComposeStack {
  /** https://localhost:<port>: Caddy with Caddyfile.local's internal TLS */
  url: string
  /** S3 as this machine reaches it (MiniStack's published port) */
  s3Endpoint: string
  /** the runtime's published port */
  runtimeUrl: string
  /** the compose command line up to the subcommand, for a long-running `up --watch` */
  command: string[]
  /** `down --volumes`, then the run's .env (it holds the run's secrets) goes */
  remove: () => void
  env: Record<string, string>
  /** `docker compose <args>` for this project; throws with the output when it fails. */
  compose: (args: string[], options?: { allowFailure?: boolean; env?: Record<string, string> }) => { status: number | null; stdout: string; stderr: string }
}

/**
 * compose.yaml as a user runs it with the production profile and Caddyfile.local, plus the test
 * overrides: ports this run picks and, with `standIns`, the local images (Egress left out).
 * Its own project name and .env: nothing of the user's is read or touched.
 */
export async function composeStack({
  host,
  standIns,
  project = 'meet-containers',
  projectDir = repoRoot,
  env: extra = {},
}: {
  host: string
  standIns: boolean
  project?: string
  /** where compose.yaml and the files it names are read (a copy, for the watch test) */
  projectDir?: string
  /** more .env lines, e.g. BUILD_TARGET */
  env?: Record<string, string>
}): Promise<ComposeStack> {
  const ports = {
    https: await freePort(),
    postgres: await freePort(),
    redis: await freePort(),
    s3: await freePort(),
    livekit: await freePort(),
    runtime: await freePort(),
    site: await freePort(),
    rtcTcp: await freePort(),
  }
  // A small UDP range for media (two people and Egress), away from the ephemeral ports the OS hands out.
  const udpFirst = 20_000 + Math.floor(Math.random() * 450) * 20
  const url = `https://localhost:${ports.https}`
  const env: Record<string, string> = {
    COMPOSE_PROFILES: 'production',
    CADDYFILE: 'Caddyfile.local',
    DOMAIN: 'localhost',
    ACME_EMAIL: 'containers@example.com',
    POSTGRES_PASSWORD: randomBytes(18).toString('hex'),
    LIVEKIT_API_KEY: 'APIcontainers',
    LIVEKIT_API_SECRET: randomBytes(24).toString('hex'),
    LIVEKIT_NODE_IP: '127.0.0.1',
    // Anyone may start a meeting: the journey is anonymous, as on a team's open instance. Signing in
    // (the production default, `members`) is tested by the integration suite against the same runtime.
    ACCESS_MODE: 'open',
    PUBLIC_URL: url,
    LIVEKIT_PUBLIC_URL: `wss://localhost:${ports.https}`,
    S3_PUBLIC_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
    IMAGE_REGISTRY: appImages.registry,
    IMAGE_TAG: appImages.tag,
    PULL_POLICY: 'never',
    POSTGRES_PORT: String(ports.postgres),
    REDIS_PORT: String(ports.redis),
    S3_PORT: String(ports.s3),
    LIVEKIT_PORT: String(ports.livekit),
    RUNTIME_PORT: String(ports.runtime),
    SITE_PORT: String(ports.site),
    TEST_HTTPS_PORT: String(ports.https),
    TEST_RTC_TCP_PORT: String(ports.rtcTcp),
    TEST_RTC_UDP_FIRST: String(udpFirst),
    TEST_RTC_UDP_LAST: String(udpFirst + 19),
    ...extra,
  }
  const envFile = join(mkdtempSync(join(tmpdir(), 'meet-containers-')), '.env')
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  )
  const files = [
    join(projectDir, 'compose.yaml'),
    ...['compose.test.yaml', ...(standIns ? ['compose.stand-ins.yaml'] : [])].map((file) => join(repoRoot, 'tests', 'containers', file)),
  ]
  const base = ['--project-name', project, '--project-directory', projectDir, ...files.flatMap((file) => ['-f', file]), '--env-file', envFile]
  const binary = requireComposeBinary()
  const compose: ComposeStack['compose'] = (args, options = {}) => {
    const result = spawnSync(binary, [...base, ...args], {
      cwd: projectDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: host, ...options.env },
    })
    if (!options.allowFailure && result.status !== 0) {
      throw new Error(`docker compose ${args.join(' ')} failed (${result.status ?? result.signal}):\n${(result.stderr + result.stdout).slice(-6000)}`)
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }
  const remove = () => {
    compose(['down', '--volumes', '--remove-orphans'], { allowFailure: true })
    rmSync(dirname(envFile), { recursive: true, force: true })
  }
  return { url, s3Endpoint: `http://127.0.0.1:${ports.s3}`, runtimeUrl: `http://127.0.0.1:${ports.runtime}`, env, compose, command: [binary, ...base], remove }
}

export interface ServiceState {
  Service: string
  State: string
  Health: string
  Name: string
}

/** `docker compose ps` as objects (compose prints one JSON object per line). */
export function serviceStates(stack: ComposeStack): ServiceState[] {
  return stack
    .compose(['ps', '--all', '--format', 'json'])
    .stdout.split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ServiceState)
}
