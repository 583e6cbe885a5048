import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseEnv, promisify } from 'node:util'
import { freeTierWarnings } from '../../../cdktf/inputs/free-tier.ts'
import { composeConfig } from '../stack/support/compose-cli.ts'
import { inputsWith } from './support/inputs.ts'
import { extract, scratchDir } from './support/scripts.ts'
import { synthWith, type TerraformJson } from './support/synth.ts'
import { decodeUserData, fileAt } from './support/user-data.ts'

interface Rule {
  protocol: string
  source: string
  tcp_options?: { min: number; max: number }
  udp_options?: { min: number; max: number }
}

const opened = (rules: Rule[]) =>
  rules
    .filter((rule) => rule.protocol !== '1')
    .map((rule) => {
      const ports = rule.tcp_options ?? rule.udp_options
      return `${rule.protocol === '6' ? 'tcp' : 'udp'} ${ports!.min}-${ports!.max} from ${rule.source}`
    })
    .sort()

const instances = (tf: TerraformJson) => tf.resource.oci_core_instance
const userDataOf = (tf: TerraformJson, name: string) => decodeUserData(instances(tf)[name].metadata.user_data)
const deployEnv = (tf: TerraformJson, name: string) => fileAt(userDataOf(tf, name).config, '/etc/meet/deploy.env').content
const upstreams = (tf: TerraformJson) => /^LIVEKIT_UPSTREAM=(.*)$/m.exec(instances(tf).server.metadata.meet_cluster_env)?.[1].split(' ')

const publicMedia = ['tcp 7881-7881 from 0.0.0.0/0', 'udp 3478-3478 from 0.0.0.0/0', 'udp 50000-60000 from 0.0.0.0/0']
const primaryPublic = ['tcp 80-80 from 0.0.0.0/0', 'tcp 443-443 from 0.0.0.0/0', ...publicMedia, 'tcp 22-22 from 203.0.113.7/32']

describe('media nodes and recorders (CDKTF inputs MEDIA_NODES, RECORDERS)', { timeout: 30_000 }, () => {
  const none = synthWith().tf
  const one = synthWith({ MEDIA_NODES: '1' }).tf
  const three = synthWith({ MEDIA_NODES: '3' }).tf
  const withRecorder = synthWith({ MEDIA_NODES: '1', RECORDERS: '1' }).tf

  test('by default the deployment is the primary alone, exactly as before: no node subnet, no cluster settings', () => {
    expect(Object.keys(instances(none))).toEqual(['server'])
    expect(Object.keys(none.resource.oci_core_subnet)).toEqual(['subnet'])
    expect(Object.keys(none.resource.oci_core_security_list)).toEqual(['security_list'])
    expect(instances(none).server.metadata).not.toHaveProperty('meet_cluster_env')
    expect(opened(none.resource.oci_core_security_list.security_list.ingress_security_rules)).toEqual(primaryPublic.sort())
    expect(Object.keys(none.output)).not.toContain('media_node_public_ips')
  })

  test.each([
    [1, one],
    [3, three],
  ] as const)('%i media node(s): one A1 instance each in the node subnet, with its own public IP and fixed private address', (count, tf) => {
    const nodes = Object.keys(instances(tf)).filter((name) => name.startsWith('media_node_'))
    expect(nodes).toEqual(Array.from({ length: count }, (_, i) => `media_node_${i}`))
    nodes.forEach((name, i) => {
      const node = instances(tf)[name]
      expect(node.shape).toBe('VM.Standard.A1.Flex')
      expect(node.shape_config).toEqual({ ocpus: 2, memory_in_gbs: 8 })
      expect(node.source_details.boot_volume_size_in_gbs).toBe('50')
      expect(node.create_vnic_details).toMatchObject({
        subnet_id: '${oci_core_subnet.node_subnet.id}',
        assign_public_ip: 'true',
        private_ip: `10.0.2.${10 + i}`,
      })
      // Only the primary has a data volume.
      expect(node.metadata.meet_cluster_env).toBe('MEET_PRIMARY_IP=${oci_core_instance.server.private_ip}')
    })
    expect(Object.keys(tf.resource.oci_core_volume_attachment)).toEqual(['data_attachment'])
    expect(tf.resource.oci_core_subnet.node_subnet.cidr_block).toBe('10.0.2.0/24')
    expect(tf.output.media_node_public_ips.value).toEqual(nodes.map((name) => `\${oci_core_instance.${name}.public_ip}`))
  })

  test("Caddy on the primary spreads signalling over its own LiveKit and every media node's private port 7880", () => {
    expect(upstreams(one)).toEqual(['livekit:7880', '10.0.2.10:7880'])
    expect(upstreams(three)).toEqual(['livekit:7880', '10.0.2.10:7880', '10.0.2.11:7880', '10.0.2.12:7880'])
    // A recorder takes no signalling.
    expect(upstreams(withRecorder)).toEqual(['livekit:7880', '10.0.2.10:7880'])
    expect(instances(one).server.metadata.meet_cluster_env).toMatch(/^MEET_CLUSTER=1\nCOMPOSE_FILE=compose\.yaml:compose\.primary\.yaml\n/)
  })

  test('a recorder: its own size (4 OCPUs by default, for one room composite recording), a public IP to reach out, no signalling', () => {
    const recorder = instances(withRecorder).recorder_0
    expect(recorder.shape_config).toEqual({ ocpus: 4, memory_in_gbs: 8 })
    expect(recorder.create_vnic_details).toMatchObject({ subnet_id: '${oci_core_subnet.node_subnet.id}', assign_public_ip: 'true', private_ip: '10.0.2.30' })
    expect(withRecorder.output.recorder_public_ips.value).toEqual(['${oci_core_instance.recorder_0.public_ip}'])
  })

  test('shape and size of each role are inputs; another shape gets its own Ubuntu image lookup (x86, not aarch64)', () => {
    const tf = synthWith({
      MEDIA_NODES: '2',
      MEDIA_NODE_OCPUS: '1',
      MEDIA_NODE_MEMORY_GB: '6',
      RECORDERS: '1',
      RECORDER_SHAPE: 'VM.Standard.E4.Flex',
      RECORDER_OCPUS: '2',
      RECORDER_MEMORY_GB: '16',
    }).tf
    expect(instances(tf).media_node_1.shape_config).toEqual({ ocpus: 1, memory_in_gbs: 6 })
    expect(instances(tf).recorder_0).toMatchObject({ shape: 'VM.Standard.E4.Flex', shape_config: { ocpus: 2, memory_in_gbs: 16 } })
    expect(instances(tf).recorder_0.source_details.source_id).toBe('${data.oci_core_images.ubuntu_image_e4.images[0].id}')
    expect(tf.data.oci_core_images.ubuntu_image_e4).toMatchObject({ shape: 'VM.Standard.E4.Flex', filter: [{ values: ['^Canonical-Ubuntu-24\\.04-\\d'] }] })
    expect(instances(tf).media_node_0.source_details.source_id).toBe('${data.oci_core_images.ubuntu_image.images[0].id}')
  })

  test('a memory size the shape cannot have is refused with the input named', () => {
    expect(() => inputsWith({ MEDIA_NODES: '1', MEDIA_NODE_OCPUS: '1', MEDIA_NODE_MEMORY_GB: '128' })).toThrow(
      'MEDIA_NODE_MEMORY_GB (config key "mediaNodeMemoryInGbs") is invalid (must be between 1 and 64 GB',
    )
    expect(() => inputsWith({ MEDIA_NODE_SHAPE: 'BM.Standard.A1.160' })).toThrow('MEDIA_NODE_SHAPE')
  })
})

describe('security lists and instance firewalls with media nodes and a recorder', () => {
  const { tf } = synthWith({ MEDIA_NODES: '3', RECORDERS: '1' })
  const lists = tf.resource.oci_core_security_list

  test('the primary adds Redis (6379) and the webhook port (3001) for the VCN only', () => {
    expect(opened(lists.security_list.ingress_security_rules)).toEqual(
      [...primaryPublic, 'tcp 6379-6379 from 10.0.0.0/16', 'tcp 3001-3001 from 10.0.0.0/16'].sort(),
    )
  })

  test('the node subnet opens WebRTC TCP 7881, TURN UDP 3478 and the UDP range to everyone, signalling 7880 to the VCN only, SSH to the administrator', () => {
    expect(tf.resource.oci_core_subnet.node_subnet.security_list_ids).toEqual(['${oci_core_security_list.node_security_list.id}'])
    expect(opened(lists.node_security_list.ingress_security_rules)).toEqual(
      [...publicMedia, 'tcp 7880-7880 from 10.0.0.0/16', 'tcp 22-22 from 203.0.113.7/32'].sort(),
    )
  })

  test('Redis, the runtime, LiveKit signalling and PostgreSQL are never open to the internet, on any list', () => {
    for (const list of Object.values(lists)) {
      for (const rule of (list.ingress_security_rules as Rule[]).filter((r) => r.source === '0.0.0.0/0')) {
        const ports = rule.tcp_options ?? rule.udp_options
        if (!ports) continue
        for (const port of [5432, 6379, 3001, 7880]) expect(port >= ports.min && port <= ports.max, `${port} open to the world`).toBe(false)
      }
    }
  })

  test("each role's instance firewall opens the same ports, VCN-only ones for the VCN's addresses alone", () => {
    const firewall = (name: string) => fileAt(userDataOf(tf, name).config, '/etc/meet/firewall-ports').content
    expect(firewall('server')).toBe(
      'tcp 80 http\ntcp 443 https\ntcp 7881 webrtc-tcp\nudp 3478 turn-udp\nudp 50000:60000 webrtc-udp\ntcp 6379 redis 10.0.0.0/16\ntcp 3001 webhooks 10.0.0.0/16\n',
    )
    expect(firewall('media_node_0')).toBe('tcp 7881 webrtc-tcp\nudp 3478 turn-udp\nudp 50000:60000 webrtc-udp\ntcp 7880 livekit 10.0.0.0/16\n')
    expect(firewall('recorder_0')).toBe('')
  })
})

describe('cloud-init per role', { timeout: 30_000 }, () => {
  const { tf, json } = synthWith({ MEDIA_NODES: '3', RECORDERS: '1' })

  test.each(['media_node_0', 'recorder_0'])('%s: `cloud-init schema` accepts its user data', (name) => {
    const file = join(scratchDir(), 'user-data.yaml')
    writeFileSync(file, userDataOf(tf, name).text)
    const result = spawnSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8' })
    if (result.error) throw new Error(`cloud-init is needed for this test (apt-get install -y cloud-init): ${result.error.message}`)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('Valid cloud-config')
  })

  test('every media node boots the same document, and so does every recorder', () => {
    expect(instances(tf).media_node_1.metadata.user_data).toBe(instances(tf).media_node_0.metadata.user_data)
    expect(instances(tf).media_node_2.metadata.user_data).toBe(instances(tf).media_node_0.metadata.user_data)
    expect(instances(tf).recorder_0.metadata.user_data).not.toBe(instances(tf).media_node_0.metadata.user_data)
  })

  test('a media node runs the Compose profile `media` (LiveKit only), a recorder `recorder` (Egress only), over compose.node.yaml', () => {
    expect(deployEnv(tf, 'media_node_0')).toMatch(/^COMPOSE_PROFILES=media\nMEET_ROLE=media\nCOMPOSE_FILE=compose\.yaml:compose\.node\.yaml\n/m)
    expect(deployEnv(tf, 'recorder_0')).toMatch(/^COMPOSE_PROFILES=recorder\nMEET_ROLE=recorder\nCOMPOSE_FILE=compose\.yaml:compose\.node\.yaml\n/m)
    expect(deployEnv(tf, 'server')).toMatch(/^COMPOSE_PROFILES=production$/m)
    expect(deployEnv(tf, 'server')).not.toMatch(/MEET_ROLE|COMPOSE_FILE/)
  })

  test('MEDIA_NODE_EGRESS: media nodes run Egress beside LiveKit, and Compose starts exactly those two', () => {
    const env = parseEnv(deployEnv(synthWith({ MEDIA_NODES: '1', MEDIA_NODE_EGRESS: 'true' }).tf, 'media_node_0')) as Record<string, string>
    expect(env.COMPOSE_PROFILES).toBe('media,recorder')
    const { status, stderr, config } = composeConfig(
      { ...env, REDIS_PASSWORD: 'x', LIVEKIT_API_KEY: 'APIk', LIVEKIT_API_SECRET: 's', MEET_PRIMARY_IP: '10.0.1.23', PRIVATE_IP: '10.0.2.10' },
      env.COMPOSE_PROFILES.split(','),
      env.COMPOSE_FILE.split(':'),
    )
    expect(status, stderr).toBe(0)
    expect(Object.keys(config.services).sort()).toEqual(['egress', 'livekit'])
  })

  test('meet-update on a media node refuses, naming the primary: nodes run no image of this repository', async () => {
    const dir = scratchDir()
    const etc = join(dir, 'etc')
    mkdirSync(etc)
    const config = userDataOf(tf, 'media_node_0').config
    extract(config, '/etc/meet/deploy.env', etc)
    const script = extract(config, '/usr/local/sbin/meet-update', dir)
    const result = await promisify(execFile)('bash', [script, 'v2'], { env: { PATH: process.env.PATH, MEET_ETC_DIR: etc } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('this instance is a media node: it runs LiveKit')
  })

  test('only the primary mounts a data volume and runs nightly backups; every role gets the watchdog', () => {
    const bootstrap = fileAt(userDataOf(tf, 'media_node_0').config, '/usr/local/sbin/meet-bootstrap').content
    expect(bootstrap).toMatch(/if \[\[ "\$\{role:-primary\}" == primary \]\]; then \/usr\/local\/sbin\/meet-data-volume; fi/)
    expect(bootstrap).toMatch(/else\n\s+systemctl enable --now meet-watchdog\.timer\n/)
  })

  test("LiveKit's node limits and node selector: documented defaults, from inputs, on every LiveKit node", () => {
    // 2 OCPUs × 125,000,000 bytes/s × 70 %; the primary's 4 OCPUs twice that.
    expect(deployEnv(tf, 'media_node_0')).toContain(
      'LIVEKIT_LIMIT_NUM_TRACKS=0\nLIVEKIT_LIMIT_BYTES_PER_SEC=175000000\nLIVEKIT_NODE_SELECTOR_KIND=sysload\nLIVEKIT_NODE_SELECTOR_SORT_BY=sysload\nLIVEKIT_NODE_SELECTOR_SYSLOAD_LIMIT=0.7\n',
    )
    expect(deployEnv(tf, 'server')).toContain('LIVEKIT_LIMIT_BYTES_PER_SEC=350000000\n')
    expect(deployEnv(tf, 'recorder_0')).not.toContain('LIVEKIT_LIMIT')
    const custom = synthWith({
      MEDIA_NODES: '1',
      LIVEKIT_NUM_TRACKS_LIMIT: '400',
      LIVEKIT_BYTES_PER_SEC_LIMIT: '0',
      LIVEKIT_NODE_SELECTOR: 'any',
      LIVEKIT_SYSLOAD_LIMIT: '0.5',
    }).tf
    expect(deployEnv(custom, 'media_node_0')).toContain(
      'LIVEKIT_LIMIT_NUM_TRACKS=400\nLIVEKIT_LIMIT_BYTES_PER_SEC=0\nLIVEKIT_NODE_SELECTOR_KIND=any\nLIVEKIT_NODE_SELECTOR_SORT_BY=random\nLIVEKIT_NODE_SELECTOR_SYSLOAD_LIMIT=0.5\n',
    )
  })

  test('no Redis password (or any other generated secret) is in the synthesized Terraform JSON or any user data', () => {
    const texts = [json, ...Object.keys(instances(tf)).map((name) => userDataOf(tf, name).text)]
    for (const text of texts) {
      expect(text).not.toMatch(/REDIS_PASSWORD=[^$'\n]/)
      expect(text).not.toMatch(/requirepass['"]?,? *['"]?[0-9a-f]{16,}/)
    }
    // The password reaches nodes only at boot, from the bucket: the metadata carries where, not what.
    expect(instances(tf).media_node_0.metadata.meet_cluster_env).toBe('MEET_PRIMARY_IP=${oci_core_instance.server.private_ip}')
  })

  test('user data of every role stays under OCI’s 32,000-byte metadata limit', () => {
    for (const instance of Object.values(instances(tf))) {
      const size = Object.entries(instance.metadata as Record<string, string>).reduce((total, [key, value]) => total + key.length + value.length, 0)
      expect(size).toBeLessThan(32_000)
    }
  })
})

describe('the Always Free allowance over every instance', () => {
  test('the default primary fills the A1 allowance, so any node is reported, with the totals', () => {
    expect(freeTierWarnings(inputsWith({ MEDIA_NODES: '1' }))).toEqual([
      'A1 OCPUs of the primary, media nodes and recorders add up to 6, which is more than the 4 OCPUs of the Always Free allowance',
      'A1 memory of the primary, media nodes and recorders adds up to 32 GB, which is more than the 24 GB of the Always Free allowance',
    ])
  })

  test('a smaller primary with one media node fits; the allowance itself is an input', () => {
    const split = { A1_OCPUS: '2', A1_MEMORY_GB: '12', MEDIA_NODES: '1', MEDIA_NODE_MEMORY_GB: '12' }
    expect(freeTierWarnings(inputsWith(split))).toEqual([])
    expect(freeTierWarnings(inputsWith({ ...split, RECORDERS: '1' }))).toHaveLength(3)
    expect(
      freeTierWarnings(
        inputsWith({
          ...split,
          RECORDERS: '1',
          FREE_A1_OCPUS: '8',
          FREE_A1_MEMORY_GB: '48',
          NODE_BOOT_VOLUME_GB: '50',
          DATA_VOLUME_GB: '50',
          BOOT_VOLUME_GB: '50',
        }),
      ),
    ).toEqual([])
  })

  test('boot volumes of the nodes count towards block storage; shapes other than A1 are named as not free', () => {
    expect(freeTierWarnings(inputsWith({ A1_OCPUS: '2', A1_MEMORY_GB: '12', MEDIA_NODES: '2', MEDIA_NODE_OCPUS: '1', MEDIA_NODE_MEMORY_GB: '6' }))).toEqual([
      'boot and data volumes of every instance add up to 250 GB, which is more than the 200 GB of Always Free block storage',
    ])
    expect(freeTierWarnings(inputsWith({ A1_OCPUS: '2', A1_MEMORY_GB: '12', RECORDERS: '1', RECORDER_SHAPE: 'VM.Standard.E4.Flex' }))).toContain(
      '1 instance(s) use a shape other than VM.Standard.A1.Flex, which the Always Free allowance does not cover',
    )
  })
})
