import { TerraformStack } from 'cdktf'
import type { Construct } from 'constructs'
import { encodeUserData, renderCloudConfig } from './cloud-init/cloud-config.ts'
import type { StackFiles } from './cloud-init/stack-files.ts'
import { primaryClusterEnv } from './deployment/cluster-env.ts'
import { createNetwork } from './deployment/network.ts'
import { createNodes } from './deployment/nodes.ts'
import { createOutputs } from './deployment/outputs.ts'
import { extraNodes, isCluster, rolePorts } from './deployment/roles.ts'
import { createServer } from './deployment/server.ts'
import { createStorage } from './deployment/storage.ts'
import type { Inputs } from './inputs/schema.ts'
import { OciProvider } from './oci/provider.ts'

export interface MeetStackProps {
  inputs: Inputs
  stackFiles: StackFiles
}

// Network, one Ampere A1 instance booted by cloud-init into the Compose stack, the recordings
// bucket, and as many media nodes and recorders as asked, booted by the same cloud-init.
export class MeetStack extends TerraformStack {
  constructor(scope: Construct, id: string, { inputs, stackFiles }: MeetStackProps) {
    super(scope, id)
    new OciProvider(this, 'oci', { region: inputs.region, config_file_profile: inputs.ociProfile })
    const { subnet, nodeSubnet } = createNetwork(this, inputs)
    const storage = createStorage(this, inputs)
    const nodes = extraNodes(inputs)
    const userData = encodeUserData(renderCloudConfig({ inputs, stackFiles, ports: rolePorts('primary', isCluster(inputs)) }))
    const { instance, publicIp } = createServer(this, inputs, { subnet, storage, userData, clusterEnv: primaryClusterEnv(nodes) })
    // One user data per role: every media node boots the same document, every recorder too.
    const nodeUserData = new Map<string, string>()
    const userDataFor = ({ role, ocpus }: { role: 'media' | 'recorder'; ocpus: number }) => {
      const key = `${role}:${ocpus}`
      if (!nodeUserData.has(key)) nodeUserData.set(key, encodeUserData(renderCloudConfig({ inputs, stackFiles, ports: rolePorts(role, true), role, ocpus })))
      return nodeUserData.get(key)!
    }
    const created = nodeSubnet ? createNodes(this, inputs, nodes, { subnet: nodeSubnet, storage, primary: instance, userData: userDataFor }) : []
    createOutputs(this, inputs, publicIp, storage, created)
  }
}
