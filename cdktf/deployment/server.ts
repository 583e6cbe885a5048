import { Fn } from 'cdktf'
import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { CoreInstance, CorePublicIp } from '../oci/instance.ts'
import { DataCorePrivateIps } from '../oci/lookups.ts'
import type { CoreSubnet } from '../oci/network.ts'
import { availabilityDomain } from './availability-domain.ts'
import { ubuntuImage } from './image.ts'
import { shapeName } from './shape.ts'
import type { Storage } from './storage.ts'
import { createDataVolume } from './data-volume.ts'

export interface ServerParts {
  subnet: CoreSubnet
  storage: Storage
  userData: string
  /** metadata meet_cluster_env: set only with media nodes or recorders (meet-env reads it) */
  clusterEnv?: string
}

export function createServer(scope: Construct, inputs: Inputs, { subnet, storage, userData, clusterEnv }: ServerParts) {
  const instance = new CoreInstance(
    scope,
    'server',
    {
      compartment_id: inputs.compartmentOcid,
      availability_domain: availabilityDomain(scope, inputs),
      shape: shapeName,
      display_name: inputs.name,
      shape_config: { ocpus: inputs.ocpus, memory_in_gbs: inputs.memoryInGbs },
      source_details: { source_type: 'image', source_id: ubuntuImage(scope, inputs), boot_volume_size_in_gbs: String(inputs.bootVolumeInGbs) },
      // A reserved IP can only attach to a private IP that has no ephemeral one.
      create_vnic_details: {
        subnet_id: subnet.id,
        assign_public_ip: inputs.reservedPublicIp ? 'false' : 'true',
        hostname_label: inputs.name,
        display_name: `${inputs.name}-vnic`,
      },
      instance_options: { are_legacy_imds_endpoints_disabled: true },
      metadata: {
        ssh_authorized_keys: inputs.sshPublicKey,
        user_data: userData,
        // Read by meet-env on the instance; kept out of user_data so that stays a plain, testable document.
        meet_s3_endpoint: storage.endpoint,
        meet_s3_access_key: storage.key.accessKey,
        meet_s3_secret_key: Fn.sensitive(storage.key.secretKey),
        // Not in user_data: a later deploy with more or fewer nodes updates it in place.
        ...(clusterEnv && { meet_cluster_env: clusterEnv }),
      },
    },
    {
      // A newer Ubuntu image or changed boot files must not silently replace the server
      // (and its database); replacing it is an explicit step (docs/oracle-cloud.md).
      lifecycle: { ignoreChanges: ['source_details[0].source_id', 'metadata["user_data"]', 'metadata["ssh_authorized_keys"]'] },
    },
  )
  createDataVolume(scope, inputs, instance)
  if (!inputs.reservedPublicIp) return { instance, publicIp: instance.publicIp }
  const privateIps = new DataCorePrivateIps(scope, 'server_private_ip', { ip_address: instance.privateIp, subnet_id: subnet.id })
  const reserved = new CorePublicIp(scope, 'reserved_ip', {
    compartment_id: inputs.compartmentOcid,
    lifetime: 'RESERVED',
    private_ip_id: privateIps.firstId,
    display_name: `${inputs.name}-ip`,
  })
  return { instance, publicIp: reserved.ipAddress }
}
