import type { Construct } from 'constructs'
import type { TerraformMetaArguments } from 'cdktf'
import { OciResource } from './element.ts'

export interface CoreVolumeConfig {
  compartment_id: string
  availability_domain: string
  display_name?: string
  // The provider types size_in_gbs as a string.
  size_in_gbs: string
  freeform_tags?: Record<string, string>
}

export class CoreVolume extends OciResource<CoreVolumeConfig> {
  constructor(scope: Construct, id: string, config: CoreVolumeConfig, meta?: TerraformMetaArguments) {
    super(scope, id, 'oci_core_volume', config, meta)
  }
}

export interface CoreVolumeAttachmentConfig {
  attachment_type: 'paravirtualized' | 'iscsi'
  instance_id: string
  volume_id: string
  /** A consistent device path such as /dev/oracleoci/oraclevdb. */
  device?: string
  display_name?: string
}

export class CoreVolumeAttachment extends OciResource<CoreVolumeAttachmentConfig> {
  constructor(scope: Construct, id: string, config: CoreVolumeAttachmentConfig) {
    super(scope, id, 'oci_core_volume_attachment', config)
  }
}

export interface VolumeBackupSchedule {
  backup_type: 'INCREMENTAL' | 'FULL'
  period: 'ONE_DAY' | 'ONE_WEEK' | 'ONE_MONTH' | 'ONE_YEAR'
  retention_seconds: number
  day_of_week?: 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY'
  hour_of_day?: number
  time_zone?: 'UTC' | 'REGIONAL_DATA_CENTER_TIME'
}

export class CoreVolumeBackupPolicy extends OciResource<{ compartment_id: string; display_name?: string; schedules: VolumeBackupSchedule[] }> {
  constructor(scope: Construct, id: string, config: { compartment_id: string; display_name?: string; schedules: VolumeBackupSchedule[] }) {
    super(scope, id, 'oci_core_volume_backup_policy', config)
  }
}

export class CoreVolumeBackupPolicyAssignment extends OciResource<{ asset_id: string; policy_id: string }> {
  constructor(scope: Construct, id: string, config: { asset_id: string; policy_id: string }) {
    super(scope, id, 'oci_core_volume_backup_policy_assignment', config)
  }
}
