import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Testing } from 'cdktf'
import { describe, expect, test } from 'vitest'
import { freeTierWarnings } from '../../../cdktf/inputs/free-tier.ts'
import { loadDeployments } from '../../../cdktf/inputs/load.ts'
import { ConfigFileError } from '../../../cdktf/inputs/sources.ts'
import { MeetStack } from '../../../cdktf/stack.ts'
import { validEnv } from './support/inputs.ts'
import { repoRoot, repoStackFiles, synthWith, type TerraformJson } from './support/synth.ts'

const configFile = (content: object) => {
  const file = join(mkdtempSync(join(tmpdir(), 'meet-deployments-')), 'config.json')
  writeFileSync(file, JSON.stringify(content))
  return file
}

describe('data volume', () => {
  const { tf } = synthWith()
  const volume = tf.resource.oci_core_volume.data
  const attachment = tf.resource.oci_core_volume_attachment.data_attachment

  test("a block volume in the instance's availability domain, attached paravirtualized at the device meet-data-volume mounts", () => {
    expect(volume).toMatchObject({ display_name: 'meet-data', size_in_gbs: '50', availability_domain: '${oci_core_instance.server.availability_domain}' })
    expect(attachment).toMatchObject({
      attachment_type: 'paravirtualized',
      device: '/dev/oracleoci/oraclevdb',
      instance_id: '${oci_core_instance.server.id}',
      volume_id: '${oci_core_volume.data.id}',
    })
  })

  test('is its own resource: replacing the instance replaces the attachment, never the volume', () => {
    // Nothing of the volume refers to the instance but its availability domain, which a replacement keeps.
    expect(JSON.stringify(volume)).not.toMatch(/oci_core_instance\.server\.(id|display_name|metadata)/)
  })

  test('weekly OCI backups of the volume, kept VOLUME_BACKUP_WEEKS weeks; none with 0', () => {
    expect(tf.resource.oci_core_volume_backup_policy.data_backup_policy.schedules).toEqual([
      { backup_type: 'INCREMENTAL', period: 'ONE_WEEK', day_of_week: 'SUNDAY', hour_of_day: 3, time_zone: 'UTC', retention_seconds: 2 * 7 * 86400 },
    ])
    expect(tf.resource.oci_core_volume_backup_policy_assignment.data_backup).toEqual({
      asset_id: '${oci_core_volume.data.id}',
      policy_id: '${oci_core_volume_backup_policy.data_backup_policy.id}',
    })
    const none = synthWith({ VOLUME_BACKUP_WEEKS: '0' }).tf
    expect(none.resource.oci_core_volume_backup_policy).toBeUndefined()
    expect(none.resource.oci_core_volume_backup_policy_assignment).toBeUndefined()
  })
})

describe('recording retention', () => {
  test('none by default', () => {
    expect(synthWith().tf.resource.oci_objectstorage_object_lifecycle_policy).toBeUndefined()
  })

  test('RECORDING_RETENTION_DAYS: a lifecycle rule deletes recordings/ (never backups/) after that many days, with the permission it needs', () => {
    const { tf } = synthWith({ RECORDING_RETENTION_DAYS: '30' })
    const policy = tf.resource.oci_objectstorage_object_lifecycle_policy.recording_retention
    expect(policy.rules).toEqual([
      {
        name: 'delete-old-recordings',
        action: 'DELETE',
        is_enabled: true,
        time_amount: '30',
        time_unit: 'DAYS',
        target: 'objects',
        object_name_filter: { inclusion_prefixes: ['recordings/'] },
      },
    ])
    expect(policy.depends_on).toEqual(['oci_identity_policy.lifecycle_permission'])
    expect(tf.resource.oci_identity_policy.lifecycle_permission.statements).toEqual([
      'Allow service objectstorage-eu-frankfurt-1 to manage object-family in compartment id ocid1.compartment.oc1..aaaacompartment',
    ])
  })
})

describe('named deployments', () => {
  const file = configFile({
    compartmentOcid: 'ocid1.compartment.oc1..aaaashared',
    bootVolumeInGbs: 50,
    deployments: {
      staging: { domain: 'staging.meet.example.com', ocpus: 1, memoryInGbs: 6, volumeBackupWeeks: 1 },
      production: { domain: 'meet.example.com', ocpus: 3, memoryInGbs: 18, volumeBackupWeeks: 4, reservedPublicIp: true },
    },
  })
  const { DOMAIN: _, OCI_COMPARTMENT_OCID: __, ...env } = validEnv

  test('staging and production from one config: own name prefix, bucket and domain, shared settings', () => {
    const deployments = loadDeployments(env, file)
    expect(deployments.map((d) => d.id)).toEqual(['staging', 'production'])
    const [staging, production] = deployments.map((d) => d.inputs)
    expect([staging.name, staging.bucketName, staging.domain, staging.ocpus]).toEqual(['staging', 'meet-staging-recordings', 'staging.meet.example.com', 1])
    expect([production.name, production.bucketName, production.domain, production.ocpus]).toEqual([
      'production',
      'meet-production-recordings',
      'meet.example.com',
      3,
    ])
    expect(staging.compartmentOcid).toBe(production.compartmentOcid)
  })

  test('each becomes its own stack (own folder and Terraform state), with distinct resource names', () => {
    const app = Testing.app()
    const stacks = loadDeployments(env, file).map(({ id, inputs }) => new MeetStack(app, id, { inputs, stackFiles: repoStackFiles() }))
    const [staging, production] = stacks.map((stack) => JSON.parse(Testing.synth(stack)) as TerraformJson)
    expect(staging.resource.oci_core_instance.server.display_name).toBe('staging')
    expect(production.resource.oci_core_instance.server.display_name).toBe('production')
    expect(staging.resource.oci_objectstorage_bucket.recordings.name).toBe('meet-staging-recordings')
    expect(production.resource.oci_core_volume.data.display_name).toBe('production-data')
    expect(production.resource.oci_core_public_ip).toBeDefined()
    expect(staging.resource.oci_core_public_ip).toBeUndefined()
  })

  test('DEPLOYMENT picks one; an unknown one is refused with the known names', () => {
    expect(loadDeployments(env, file, 'production').map((d) => d.id)).toEqual(['production'])
    expect(() => loadDeployments(env, file, 'prod')).toThrow(ConfigFileError)
    expect(() => loadDeployments(env, file, 'prod')).toThrow('DEPLOYMENT=prod is not one of')
    expect(() => loadDeployments(env, file, 'prod')).toThrow('(staging, production)')
  })

  test('the Always Free allowance is checked over both together: this pair fits it, two default deployments do not', () => {
    expect(freeTierWarnings(loadDeployments(env, file).map((d) => d.inputs))).toEqual([])
    const twice = loadDeployments(validEnv, configFile({ deployments: { staging: { domain: 'a.example.com' }, production: { domain: 'b.example.com' } } }))
    expect(freeTierWarnings(twice.map((d) => d.inputs))).toEqual([
      'A1_OCPUS=8 (all 2 deployments together) is more than the 4 OCPUs of the Always Free allowance',
      'A1_MEMORY_GB=48 (all 2 deployments together) is more than the 24 GB of the Always Free allowance',
      'BOOT_VOLUME_GB + DATA_VOLUME_GB = 300 GB (all 2 deployments together) is more than the 200 GB of Always Free block storage',
    ])
  })

  test("the repository's example of a staging/production pair fits the allowance", () => {
    const example = loadDeployments(
      { ...env, OCI_COMPARTMENT_OCID: 'ocid1.compartment.oc1..aaaaexample' },
      join(repoRoot, 'cdktf/config.staging-production.example.json'),
    )
    expect(example.map((d) => d.id)).toEqual(['staging', 'production'])
    expect(freeTierWarnings(example.map((d) => d.inputs))).toEqual([])
  })

  test('a single deployment (no `deployments` key) is still the stack `meet`, with the default data volume inside the allowance', () => {
    const [single] = loadDeployments(validEnv, '/nonexistent/config.json')
    expect(single.id).toBe('meet')
    expect(single.inputs.bootVolumeInGbs + single.inputs.dataVolumeInGbs).toBeLessThanOrEqual(200)
    expect(freeTierWarnings(single.inputs)).toEqual([])
  })

  test('without a list, DEPLOYMENT names the one deployment (CI: settings from its GitHub environment)', () => {
    const [staging] = loadDeployments({ ...validEnv, DOMAIN: 'staging.meet.example.com' }, '/nonexistent/config.json', 'staging')
    expect([staging.id, staging.inputs.name, staging.inputs.bucketName]).toEqual(['staging', 'staging', 'meet-staging-recordings'])
    // An environment that keeps the historical names says so explicitly.
    const [production] = loadDeployments({ ...validEnv, DEPLOYMENT_NAME: 'meet', BUCKET_NAME: 'meet-recordings' }, '/nonexistent/config.json', 'production')
    expect([production.id, production.inputs.name, production.inputs.bucketName]).toEqual(['production', 'meet', 'meet-recordings'])
  })

  test('bad deployment names and unknown keys inside a deployment are refused with the place named', () => {
    expect(() => loadDeployments(env, configFile({ deployments: { Staging: {} } }))).toThrow('deployments: Staging must be 1-15 lowercase letters')
    expect(() => loadDeployments(env, configFile({ deployments: { staging: { domian: 'x' } } }))).toThrow('deployments.staging has unknown keys: domian')
  })
})
