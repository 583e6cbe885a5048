import { execFile } from 'node:child_process'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { extract, runScript, scratchDir } from './support/scripts.ts'
import { instanceOf, synthWith } from './support/synth.ts'
import { decodeUserData } from './support/user-data.ts'

const { config } = decodeUserData(instanceOf(synthWith().tf).metadata.user_data)

const opened = [
  '-A INPUT -p tcp -m state --state NEW -m tcp --dport 80 -m comment --comment meet-http -j ACCEPT',
  '-A INPUT -p tcp -m state --state NEW -m tcp --dport 443 -m comment --comment meet-https -j ACCEPT',
  '-A INPUT -p tcp -m state --state NEW -m tcp --dport 7881 -m comment --comment meet-webrtc-tcp -j ACCEPT',
  '-A INPUT -p udp -m state --state NEW -m udp --dport 3478 -m comment --comment meet-turn-udp -j ACCEPT',
  '-A INPUT -p udp -m state --state NEW -m udp --dport 50000:60000 -m comment --comment meet-webrtc-udp -j ACCEPT',
]

// meet-firewall as cloud-init installs it, on the rules file of Oracle's Ubuntu images.
async function runFirewall(dir: string) {
  const script = extract(config, '/usr/local/sbin/meet-firewall', dir)
  const ports = extract(config, '/etc/meet/firewall-ports', dir)
  await runScript(script, { MEET_RULES_V4: join(dir, 'rules.v4'), MEET_FIREWALL_PORTS: ports, MEET_FIREWALL_LIVE: '0' })
  return readFileSync(join(dir, 'rules.v4'), 'utf8').split('\n')
}

describe('meet-firewall on the image iptables rules', () => {
  test('accepts the public ports ahead of the INPUT REJECT and leaves the rest as it was', async () => {
    const dir = scratchDir()
    const original = readFileSync(join(import.meta.dirname, 'fixtures/oracle-ubuntu-rules.v4'), 'utf8').split('\n')
    copyFileSync(join(import.meta.dirname, 'fixtures/oracle-ubuntu-rules.v4'), join(dir, 'rules.v4'))
    const lines = await runFirewall(dir)
    const reject = original.indexOf('-A INPUT -j REJECT --reject-with icmp-host-prohibited')
    expect(lines).toEqual([...original.slice(0, reject), ...opened, ...original.slice(reject)])
  })

  test('running it again changes nothing', async () => {
    const dir = scratchDir()
    copyFileSync(join(import.meta.dirname, 'fixtures/oracle-ubuntu-rules.v4'), join(dir, 'rules.v4'))
    const first = await runFirewall(dir)
    expect(await runFirewall(dir)).toEqual(first)
  })

  test('PostgreSQL and Redis stay closed', async () => {
    const dir = scratchDir()
    copyFileSync(join(import.meta.dirname, 'fixtures/oracle-ubuntu-rules.v4'), join(dir, 'rules.v4'))
    const text = (await runFirewall(dir)).join('\n')
    expect(text).not.toMatch(/--dport (5432|6379)\b/)
  })
})

describe('meet-firewall with media nodes: ports for the VCN alone', () => {
  test('Redis and the webhook port are accepted from the VCN CIDR only, in the saved rules and in running iptables', async () => {
    const dir = scratchDir()
    const primary = decodeUserData(instanceOf(synthWith({ MEDIA_NODES: '1' }).tf).metadata.user_data).config
    copyFileSync(join(import.meta.dirname, 'fixtures/oracle-ubuntu-rules.v4'), join(dir, 'rules.v4'))
    const script = extract(primary, '/usr/local/sbin/meet-firewall', dir)
    const ports = extract(primary, '/etc/meet/firewall-ports', dir)
    const vcnOnly = [
      '-A INPUT -s 10.0.0.0/16 -p tcp -m state --state NEW -m tcp --dport 6379 -m comment --comment meet-redis -j ACCEPT',
      '-A INPUT -s 10.0.0.0/16 -p tcp -m state --state NEW -m tcp --dport 3001 -m comment --comment meet-webhooks -j ACCEPT',
    ]
    const env = `MEET_RULES_V4=${dir}/rules.v4 MEET_FIREWALL_PORTS=${ports}`
    const steps = `iptables-restore < ${dir}/rules.v4 && ${env} bash ${script} && iptables -S INPUT`
    const result = await promisify(execFile)('unshare', ['-n', 'bash', '-c', steps], { env: { PATH: `/usr/sbin:/sbin:${process.env.PATH}` } })
    const running = result.stdout.trim().split('\n')
    const saved = readFileSync(join(dir, 'rules.v4'), 'utf8').split('\n')
    for (const lines of [running, saved]) {
      expect(lines.filter((line) => line.includes('--comment meet-'))).toEqual([...opened, ...vcnOnly])
      expect(lines.indexOf(vcnOnly[1])).toBeLessThan(lines.indexOf('-A INPUT -j REJECT --reject-with icmp-host-prohibited'))
    }
  })
})

describe('meet-firewall on running iptables (a network namespace of its own)', () => {
  test('loads the image rules, then accepts the public ports ahead of the REJECT, once, and saves rules iptables-restore accepts', async () => {
    const dir = scratchDir()
    copyFileSync(join(import.meta.dirname, 'fixtures/oracle-ubuntu-rules.v4'), join(dir, 'rules.v4'))
    const script = extract(config, '/usr/local/sbin/meet-firewall', dir)
    const ports = extract(config, '/etc/meet/firewall-ports', dir)
    const env = `MEET_RULES_V4=${dir}/rules.v4 MEET_FIREWALL_PORTS=${ports}`
    // unshare -n: the rules live and die with this namespace; the machine's own are untouched.
    const steps = `iptables-restore < ${dir}/rules.v4 && ${env} bash ${script} && ${env} bash ${script} && iptables -S INPUT && iptables-restore --test < ${dir}/rules.v4`
    const result = await promisify(execFile)('unshare', ['-n', 'bash', '-c', steps], { env: { PATH: `/usr/sbin:/sbin:${process.env.PATH}` } }).catch(
      (error: Error) => {
        throw new Error(`needs iptables and unshare as root (apt-get install -y iptables): ${error.message}`)
      },
    )
    const input = result.stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('-A INPUT'))
    const reject = input.indexOf('-A INPUT -j REJECT --reject-with icmp-host-prohibited')
    expect(input.slice(reject - opened.length, reject)).toEqual(opened)
    expect(input.filter((line) => line.includes('--comment meet-'))).toHaveLength(opened.length)
  })
})
