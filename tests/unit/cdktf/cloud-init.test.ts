import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { stackFileNames } from '../../../cdktf/cloud-init/stack-files.ts'
import { scratchDir } from './support/scripts.ts'
import { instanceOf, repoRoot, synthWith } from './support/synth.ts'
import { contentBytes, decodeUserData, fileAt } from './support/user-data.ts'

const { tf } = synthWith()
const { text, config } = decodeUserData(instanceOf(tf).metadata.user_data)

describe('cloud-init user data', () => {
  test('`cloud-init schema` accepts it', () => {
    const file = join(scratchDir(), 'user-data.yaml')
    writeFileSync(file, text)
    const result = spawnSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8' })
    if (result.error) throw new Error(`cloud-init is needed for this test (apt-get install -y cloud-init): ${result.error.message}`)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('Valid cloud-config')
    expect(result.status).toBe(0)
  })

  test.each(stackFileNames)("writes the repository's %s to /opt/meet byte for byte", (name) => {
    expect(contentBytes(fileAt(config, `/opt/meet/${name}`)).equals(readFileSync(join(repoRoot, name)))).toBe(true)
  })

  test('opens the public ports in the image iptables rules through meet-firewall, before Docker is installed', () => {
    expect(fileAt(config, '/etc/meet/firewall-ports').content).toBe(
      'tcp 80 http\ntcp 443 https\ntcp 7881 webrtc-tcp\nudp 3478 turn-udp\nudp 50000:60000 webrtc-udp\n',
    )
    const bootstrap = fileAt(config, '/usr/local/sbin/meet-bootstrap').content
    expect(bootstrap.indexOf('/usr/local/sbin/meet-firewall')).toBeLessThan(bootstrap.indexOf('/usr/local/sbin/meet-install-docker'))
    expect(fileAt(config, '/usr/local/sbin/meet-firewall').content).toContain('/etc/iptables/rules.v4')
  })

  test('installs Docker Engine and the compose plugin from Docker’s repository for the machine’s architecture', () => {
    const install = fileAt(config, '/usr/local/sbin/meet-install-docker').content
    expect(install).toContain('docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin')
    expect(install).toContain('Architectures: $(dpkg --print-architecture)')
    expect(install).toMatch(/if docker compose version .*; then/)
  })

  test("Docker publishes LiveKit's UDP range with NAT rules, not one proxy process per port", () => {
    expect(JSON.parse(fileAt(config, '/etc/docker/daemon.json').content)).toMatchObject({ 'userland-proxy': false })
  })

  test("Docker's data (PostgreSQL, Redis, Caddy volumes) lives on the data block volume, mounted before Docker starts", () => {
    expect(JSON.parse(fileAt(config, '/etc/docker/daemon.json').content)['data-root']).toBe('/var/lib/meet/docker')
    expect(fileAt(config, '/etc/systemd/system/docker.service.d/meet-data-volume.conf').content).toMatch(/^RequiresMountsFor=\/var\/lib\/meet$/m)
    const bootstrap = fileAt(config, '/usr/local/sbin/meet-bootstrap').content
    expect(bootstrap.indexOf('/usr/local/sbin/meet-data-volume')).toBeGreaterThan(0)
    expect(bootstrap.indexOf('/usr/local/sbin/meet-data-volume')).toBeLessThan(bootstrap.indexOf('/usr/local/sbin/meet-install-docker'))
    const mount = fileAt(config, '/usr/local/sbin/meet-data-volume').content
    expect(mount).toContain('/dev/oracleoci/oraclevdb')
    // An existing filesystem (the instance was replaced) is never formatted again.
    expect(mount).toMatch(/if ! blkid "\$device".*\n.*\n\s+mkfs\.ext4/)
  })

  test('runs the Compose stack under a systemd unit that starts at boot, after Docker', () => {
    const unit = fileAt(config, '/etc/systemd/system/meet.service').content
    expect(unit).toMatch(/^Requires=docker\.service$/m)
    expect(unit).toMatch(/^After=docker\.service network-online\.target$/m)
    expect(unit).toMatch(/^WorkingDirectory=\/opt\/meet$/m)
    expect(unit).toMatch(/^ExecStartPre=\/usr\/local\/sbin\/meet-env$/m)
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/docker compose --project-name meet up --detach/m)
    expect(unit).toMatch(/^WantedBy=multi-user\.target$/m)
    const bootstrap = fileAt(config, '/usr/local/sbin/meet-bootstrap').content
    expect(bootstrap).toContain('systemctl enable meet.service')
    expect(config.runcmd).toEqual([['/usr/local/sbin/meet-bootstrap']])
  })

  test('installs meet-backup and meet-restore, and a nightly timer that runs meet-backup (made up after downtime)', () => {
    expect(fileAt(config, '/usr/local/sbin/meet-backup').permissions).toBe('0755')
    expect(fileAt(config, '/usr/local/sbin/meet-restore').permissions).toBe('0755')
    expect(fileAt(config, '/etc/systemd/system/meet-backup.service').content).toMatch(/^ExecStart=\/usr\/local\/sbin\/meet-backup$/m)
    const timer = fileAt(config, '/etc/systemd/system/meet-backup.timer').content
    expect(timer).toMatch(/^OnCalendar=\*-\*-\* 02:30:00 UTC$/m)
    expect(timer).toMatch(/^Persistent=true$/m)
    expect(timer).toMatch(/^WantedBy=timers\.target$/m)
    expect(fileAt(config, '/usr/local/sbin/meet-bootstrap').content).toMatch(/systemctl enable --now meet-backup\.timer meet-watchdog\.timer/)
  })

  test('installs meet-release and the timer that runs it every minute once the stack has started', () => {
    expect(fileAt(config, '/usr/local/sbin/meet-release').permissions).toBe('0755')
    expect(fileAt(config, '/etc/systemd/system/meet-release.service').content).toMatch(/^ExecStart=\/usr\/local\/sbin\/meet-release$/m)
    const timer = fileAt(config, '/etc/systemd/system/meet-release.timer').content
    expect(timer).toMatch(/^OnUnitInactiveSec=1min$/m)
    expect(timer).toMatch(/^WantedBy=timers\.target$/m)
    expect(fileAt(config, '/usr/local/sbin/meet-bootstrap').content).toMatch(/systemctl enable --now .*meet-release\.timer/)
  })

  test('the deploy-time settings go to a root-only file; user data is a plain literal with no secret in it', () => {
    expect(instanceOf(tf).metadata.user_data).toMatch(/^[A-Za-z0-9+/]+=*$/)
    const deployEnv = fileAt(config, '/etc/meet/deploy.env')
    expect(deployEnv.permissions).toBe('0600')
    expect(deployEnv.content).toContain('DOMAIN=meet.example.com\n')
    expect(deployEnv.content).toContain('IMAGE_REGISTRY=ghcr.io/meet\n')
    expect(text).not.toMatch(/customer_secret_key|PASSWORD=[^$\n]/)
  })

  test('image registry and tag are inputs', () => {
    const custom = decodeUserData(instanceOf(synthWith({ IMAGE_REGISTRY: 'registry.example.com/team', IMAGE_TAG: 'v1.2.3' }).tf).metadata.user_data)
    expect(fileAt(custom.config, '/etc/meet/deploy.env').content).toMatch(/^IMAGE_REGISTRY=registry\.example\.com\/team\nIMAGE_TAG=v1\.2\.3$/m)
  })

  test('instance metadata stays under OCI’s 32,000-byte limit', () => {
    const metadata = instanceOf(tf).metadata as Record<string, string>
    const size = Object.entries(metadata).reduce((total, [key, value]) => total + key.length + value.length, 0)
    expect(size).toBeLessThan(32_000)
  })
})
