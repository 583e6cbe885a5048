import { TerraformStack } from 'cdktf'
import type { Construct } from 'constructs'
import { encodeUserData, renderCloudConfig } from './cloud-init/cloud-config.ts'
import type { StackFiles } from './cloud-init/stack-files.ts'
import { createNetwork } from './deployment/network.ts'
import { createOutputs } from './deployment/outputs.ts'
import { publicPorts } from './deployment/ports.ts'
import { createServer } from './deployment/server.ts'
import { createStorage } from './deployment/storage.ts'
import type { Inputs } from './inputs/schema.ts'
import { OciProvider } from './oci/provider.ts'

export interface MeetStackProps {
  inputs: Inputs
  stackFiles: StackFiles
}

// Network, one Ampere A1 instance booted by cloud-init into the Compose stack, and the recordings bucket.
export class MeetStack extends TerraformStack {
  constructor(scope: Construct, id: string, { inputs, stackFiles }: MeetStackProps) {
    super(scope, id)
    new OciProvider(this, 'oci', { region: inputs.region, config_file_profile: inputs.ociProfile })
    const { subnet } = createNetwork(this, inputs)
    const storage = createStorage(this, inputs)
    const userData = encodeUserData(renderCloudConfig({ inputs, stackFiles, ports: publicPorts }))
    const { publicIp } = createServer(this, inputs, { subnet, storage, userData })
    createOutputs(this, inputs, publicIp, storage)
  }
}
