import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { stringify } from 'yaml'
import type { Inputs } from '../inputs/schema.ts'
import type { PublicPort } from '../deployment/ports.ts'
import type { Role } from '../deployment/roles.ts'
import { renderDeployEnv } from './deploy-env.ts'
import { renderFirewallPorts } from './firewall-ports.ts'
import type { StackFiles } from './stack-files.ts'

const stackDir = '/opt/meet'
const etcDir = '/etc/meet'
const unitPath = '/etc/systemd/system/meet.service'
const scripts = [
  'meet-bootstrap',
  'meet-firewall',
  'meet-data-volume',
  'meet-install-docker',
  'meet-env',
  'meet-s3',
  'meet-backup',
  'meet-restore',
  'meet-watchdog',
  'meet-update',
  'meet-release',
]
// Timers: the nightly backup, the watchdog that restarts containers that stay unhealthy, and
// meet-release, which delivers the release the deploy workflow asks for (meet-bootstrap enables
// each where it belongs: backups and releases on the primary only).
const timerUnits = ['meet-backup.service', 'meet-backup.timer', 'meet-watchdog.service', 'meet-watchdog.timer', 'meet-release.service', 'meet-release.timer']

const shipped = (name: string) => readFileSync(join(import.meta.dirname, 'files', name), 'utf8')

interface WriteFile {
  path: string
  content: string
  permissions: string
}

export interface CloudConfigParts {
  inputs: Inputs
  stackFiles: StackFiles
  ports: PublicPort[]
  /** primary unless given; media nodes and recorders get the same files and their own settings */
  role?: Role
  /** OCPUs of this instance (LiveKit's default bandwidth limit follows them) */
  ocpus?: number
}

// cloud-init writes the files, then runs meet-bootstrap once per instance; the scripts
// themselves are idempotent, so a later `cloud-init clean --reboot` is safe too.
export function renderCloudConfig({ inputs, stackFiles, ports, role = 'primary', ocpus = inputs.ocpus }: CloudConfigParts): string {
  const writeFiles: WriteFile[] = [
    // Plain text: the whole user data is compressed at once (encodeUserData).
    ...Object.entries(stackFiles).map(([name, bytes]) => ({ path: `${stackDir}/${name}`, content: bytes.toString('utf8'), permissions: '0644' })),
    { path: `${etcDir}/deploy.env`, content: renderDeployEnv(inputs, role, ocpus), permissions: '0600' },
    { path: `${etcDir}/firewall-ports`, content: renderFirewallPorts(ports), permissions: '0644' },
    ...scripts.map((name) => ({ path: `/usr/local/sbin/${name}`, content: shipped(`${name}.sh`), permissions: '0755' })),
    { path: unitPath, content: shipped('meet.service'), permissions: '0644' },
    ...timerUnits.map((name) => ({ path: `/etc/systemd/system/${name}`, content: shipped(name), permissions: '0644' })),
    // Written before Docker is installed, so dockerd starts with it. LiveKit publishes 10,001
    // UDP ports: without this Docker would run one docker-proxy process for each of them.
    // Docker's data root is on the data volume (meet-data-volume mounts it first).
    { path: '/etc/docker/daemon.json', content: shipped('docker-daemon.json'), permissions: '0644' },
    { path: '/etc/systemd/system/docker.service.d/meet-data-volume.conf', content: shipped('docker-data-volume.conf'), permissions: '0644' },
  ]
  const config = { write_files: writeFiles, runcmd: [['/usr/local/sbin/meet-bootstrap']] }
  return `#cloud-config\n${stringify(config, { lineWidth: 0, blockQuote: 'literal' })}`
}

// Instance metadata, user data included, is limited to 32 000 bytes: cloud-init takes
// gzip-compressed user data, and one gzip over every file compresses far better than one each.
export function encodeUserData(cloudConfig: string): string {
  return gzipSync(Buffer.from(cloudConfig, 'utf8'), { level: 9 }).toString('base64')
}
