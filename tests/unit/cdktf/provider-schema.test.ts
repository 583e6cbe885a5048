import { App } from 'cdktf'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { MeetStack } from '../../../cdktf/stack.ts'
import { inputsWith } from './support/inputs.ts'
import { checkBlock, type BlockSchema } from './support/schema-check.ts'
import { repoRoot, repoStackFiles, type TerraformJson } from './support/synth.ts'

interface ProviderSchema {
  provider: BlockSchema
  resources: Record<string, BlockSchema>
  data_sources: Record<string, BlockSchema>
}

// The project's own copy of the provider's schema (cdktf/schema/README.md says where it comes from).
const schema = JSON.parse(readFileSync(resolve(repoRoot, 'cdktf/schema/oci-provider-v8.28.0.json'), 'utf8')) as ProviderSchema

const outdirs: string[] = []
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

// The real synthesis, as `npm run synth` writes it: cdktf.out/stacks/meet/cdk.tf.json.
function synthesizedFile(overrides: Record<string, string>): TerraformJson {
  const outdir = mkdtempSync(join(tmpdir(), 'meet-cdktf-'))
  outdirs.push(outdir)
  const app = new App({ outdir })
  new MeetStack(app, 'meet', { inputs: inputsWith(overrides), stackFiles: repoStackFiles() })
  app.synth()
  return JSON.parse(readFileSync(join(outdir, 'stacks/meet/cdk.tf.json'), 'utf8'))
}

function problemsOf(tf: TerraformJson): string[] {
  const problems: string[] = []
  for (const [type, bodies] of Object.entries(tf.provider)) {
    bodies.forEach((body, index) => problems.push(...checkBlock(body, schema.provider, `provider.${type}[${index}]`)))
  }
  for (const [kind, section, known] of [
    ['resource', tf.resource, schema.resources],
    ['data', tf.data, schema.data_sources],
  ] as const) {
    for (const [type, byName] of Object.entries(section)) {
      if (!known[type]) {
        problems.push(`${kind}.${type} is not in the provider schema fixture`)
        continue
      }
      for (const [name, body] of Object.entries(byName)) problems.push(...checkBlock(body, known[type], `${kind}.${type}.${name}`))
    }
  }
  return problems
}

// Every variant is synthesized for real (several seconds for all of them on a busy machine).
describe('synthesized cdk.tf.json against the OCI provider schema (v8.28.0)', { timeout: 60_000 }, () => {
  // Between them these cover every resource and data source the app can emit.
  const variants = {
    defaults: {},
    'reserved IP, AD by name, versioned bucket': { RESERVED_PUBLIC_IP: 'true', AVAILABILITY_DOMAIN: 'Uocm:EU-FRANKFURT-1-AD-1', BUCKET_VERSIONING: 'true' },
    'AD by number, smaller shape': { AVAILABILITY_DOMAIN: '2', A1_OCPUS: '1', A1_MEMORY_GB: '6' },
    'recording retention, no volume backups': { RECORDING_RETENTION_DAYS: '30', VOLUME_BACKUP_WEEKS: '0', DATA_VOLUME_GB: '100' },
    'three media nodes and an x86 recorder': { MEDIA_NODES: '3', RECORDERS: '1', RECORDER_SHAPE: 'VM.Standard.E4.Flex' },
  }

  test.each(Object.entries(variants))('%s: only known attribute and block names, every required one set, values of the right type', (_, overrides) => {
    expect(problemsOf(synthesizedFile(overrides))).toEqual([])
  })

  test('every OCI resource and data source type the app uses appears in some variant', () => {
    const seen = (key: 'resource' | 'data') => new Set(Object.values(variants).flatMap((overrides) => Object.keys(synthesizedFile(overrides)[key])))
    expect([...seen('resource')].sort()).toEqual([
      'oci_core_instance',
      'oci_core_internet_gateway',
      'oci_core_public_ip',
      'oci_core_route_table',
      'oci_core_security_list',
      'oci_core_subnet',
      'oci_core_vcn',
      'oci_core_volume',
      'oci_core_volume_attachment',
      'oci_core_volume_backup_policy',
      'oci_core_volume_backup_policy_assignment',
      'oci_identity_customer_secret_key',
      'oci_identity_policy',
      'oci_objectstorage_bucket',
      'oci_objectstorage_object_lifecycle_policy',
    ])
    expect([...seen('data')].sort()).toEqual(['oci_core_images', 'oci_core_private_ips', 'oci_identity_availability_domains', 'oci_objectstorage_namespace'])
  })

  test('the check itself catches an unknown attribute, a missing required one and a wrong type', () => {
    const tf = synthesizedFile({})
    const { compartment_id: _, ...vcn } = tf.resource.oci_core_vcn.vcn
    tf.resource.oci_core_vcn.vcn = { ...vcn, cidr_block_typo: '10.0.0.0/16' }
    tf.resource.oci_core_instance.server.shape_config.ocpus = '4'
    tf.resource.oci_core_instance.server.create_vnic_details.assign_public_ip = true
    expect(problemsOf(tf).sort()).toEqual([
      'resource.oci_core_instance.server.create_vnic_details[0].assign_public_ip is boolean, schema says TypeString',
      'resource.oci_core_instance.server.shape_config[0].ocpus is string, schema says TypeFloat',
      'resource.oci_core_vcn.vcn.cidr_block_typo is not in the provider schema',
      'resource.oci_core_vcn.vcn.compartment_id is required but not set',
    ])
  })
})
