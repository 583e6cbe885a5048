import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import type { CoreInstance } from '../oci/instance.ts'
import { CoreVolume, CoreVolumeAttachment, CoreVolumeBackupPolicy, CoreVolumeBackupPolicyAssignment } from '../oci/volume.ts'

// The device path Oracle's images give the first attached volume; meet-data-volume mounts it.
const dataDevice = '/dev/oracleoci/oraclevdb'
const week = 7 * 24 * 3600

// PostgreSQL, Redis and Caddy's certificates (all of Docker's data) live on their own block
// volume: replacing the instance replaces only the attachment, and the volume comes back with
// the data. A weekly OCI backup of it, kept `volumeBackupWeeks` weeks, on top of the nightly dumps.
export function createDataVolume(scope: Construct, inputs: Inputs, instance: CoreInstance) {
  const volume = new CoreVolume(scope, 'data', {
    compartment_id: inputs.compartmentOcid,
    availability_domain: instance.availabilityDomain,
    display_name: `${inputs.name}-data`,
    size_in_gbs: String(inputs.dataVolumeInGbs),
  })
  const attachment = new CoreVolumeAttachment(scope, 'data_attachment', {
    attachment_type: 'paravirtualized',
    instance_id: instance.id,
    volume_id: volume.id,
    device: dataDevice,
    display_name: `${inputs.name}-data`,
  })
  if (inputs.volumeBackupWeeks === 0) return { volume, attachment }
  const policy = new CoreVolumeBackupPolicy(scope, 'data_backup_policy', {
    compartment_id: inputs.compartmentOcid,
    display_name: `${inputs.name}-data-weekly`,
    schedules: [
      {
        backup_type: 'INCREMENTAL',
        period: 'ONE_WEEK',
        day_of_week: 'SUNDAY',
        hour_of_day: 3,
        time_zone: 'UTC',
        retention_seconds: inputs.volumeBackupWeeks * week,
      },
    ],
  })
  new CoreVolumeBackupPolicyAssignment(scope, 'data_backup', { asset_id: volume.id, policy_id: policy.id })
  return { volume, attachment }
}
