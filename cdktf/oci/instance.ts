import type { Construct } from 'constructs'
import type { TerraformMetaArguments } from 'cdktf'
import { OciResource } from './element.ts'

export interface CoreInstanceConfig {
  compartment_id: string
  availability_domain: string
  shape: string
  display_name?: string
  shape_config: { ocpus: number; memory_in_gbs: number }
  // The provider types boot_volume_size_in_gbs as a string.
  source_details: { source_type: 'image'; source_id: string; boot_volume_size_in_gbs: string }
  // assign_public_ip is string-typed in the provider schema ("true" / "false").
  create_vnic_details: { subnet_id: string; assign_public_ip: 'true' | 'false'; private_ip?: string; hostname_label?: string; display_name?: string }
  instance_options?: { are_legacy_imds_endpoints_disabled: boolean }
  // ssh_authorized_keys and user_data (base64 cloud-config) are read by cloud-init;
  // other keys are readable on the instance through the metadata service.
  metadata: Record<string, string>
  freeform_tags?: Record<string, string>
}

export class CoreInstance extends OciResource<CoreInstanceConfig> {
  constructor(scope: Construct, id: string, config: CoreInstanceConfig, meta?: TerraformMetaArguments) {
    super(scope, id, 'oci_core_instance', config, meta)
  }

  get publicIp(): string {
    return this.getStringAttribute('public_ip')
  }

  get privateIp(): string {
    return this.getStringAttribute('private_ip')
  }

  get availabilityDomain(): string {
    return this.getStringAttribute('availability_domain')
  }
}

export interface CorePublicIpConfig {
  compartment_id: string
  lifetime: 'RESERVED' | 'EPHEMERAL'
  private_ip_id: string
  display_name?: string
  freeform_tags?: Record<string, string>
}

export class CorePublicIp extends OciResource<CorePublicIpConfig> {
  constructor(scope: Construct, id: string, config: CorePublicIpConfig, meta?: TerraformMetaArguments) {
    super(scope, id, 'oci_core_public_ip', config, meta)
  }

  get ipAddress(): string {
    return this.getStringAttribute('ip_address')
  }
}
