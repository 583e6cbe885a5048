import { Fn } from 'cdktf'
import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { CoreInstance } from '../oci/instance.ts'
import type { CoreSubnet } from '../oci/network.ts'
import { ubuntuImage } from './image.ts'
import type { ExtraNode } from './roles.ts'
import type { Storage } from './storage.ts'

export interface NodeParts {
  subnet: CoreSubnet
  storage: Storage
  primary: CoreInstance
  userData: (node: ExtraNode) => string
}

export interface CreatedNode extends ExtraNode {
  instance: CoreInstance
}

// Media nodes and recorders: stateless instances booted by the same cloud-init with their own
// role. Each has a public IP (media from browsers, and the way out to Redis' primary, the
// registry and Object Storage: the subnet has no NAT gateway) and a fixed private address, which
// the primary's Caddy lists. The primary's private address reaches them through the metadata.
export function createNodes(scope: Construct, inputs: Inputs, nodes: ExtraNode[], { subnet, storage, primary, userData }: NodeParts): CreatedNode[] {
  return nodes.map((node) => ({
    ...node,
    instance: new CoreInstance(
      scope,
      node.id,
      {
        compartment_id: inputs.compartmentOcid,
        availability_domain: primary.availabilityDomain,
        shape: node.shape,
        display_name: node.displayName,
        shape_config: { ocpus: node.ocpus, memory_in_gbs: node.memoryInGbs },
        source_details: {
          source_type: 'image',
          source_id: ubuntuImage(scope, inputs, node.shape),
          boot_volume_size_in_gbs: String(inputs.nodeBootVolumeInGbs),
        },
        create_vnic_details: {
          subnet_id: subnet.id,
          assign_public_ip: 'true',
          private_ip: node.privateIp,
          hostname_label: node.displayName,
          display_name: `${node.displayName}-vnic`,
        },
        instance_options: { are_legacy_imds_endpoints_disabled: true },
        metadata: {
          ssh_authorized_keys: inputs.sshPublicKey,
          user_data: userData(node),
          meet_s3_endpoint: storage.endpoint,
          meet_s3_access_key: storage.key.accessKey,
          meet_s3_secret_key: Fn.sensitive(storage.key.secretKey),
          meet_cluster_env: `MEET_PRIMARY_IP=${primary.privateIp}`,
        },
      },
      // As for the primary: a newer image or changed boot files replace a node only when asked
      // (a replaced media node ends the meetings it hosts).
      { lifecycle: { ignoreChanges: ['source_details[0].source_id', 'metadata["user_data"]', 'metadata["ssh_authorized_keys"]'] } },
    ),
  }))
}
