import { TerraformOutput } from 'cdktf'
import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import type { Storage } from './storage.ts'

export function createOutputs(scope: Construct, inputs: Inputs, publicIp: string, storage: Storage): void {
  new TerraformOutput(scope, 'public_ip', { value: publicIp, description: `point the A record of ${inputs.domain} here` })
  new TerraformOutput(scope, 'site_url', { value: `https://${inputs.domain}`, description: 'the site, once DNS and the certificate are in place' })
  new TerraformOutput(scope, 'ssh_command', { value: `ssh ubuntu@${publicIp}`, description: 'log in to the instance' })
  new TerraformOutput(scope, 'bucket_name', { value: storage.bucket.name, description: 'Object Storage bucket for recordings' })
  new TerraformOutput(scope, 's3_endpoint', { value: storage.endpoint, description: 'S3-compatible endpoint (path-style addressing)' })
  // The key pair is already on the instance; these are for tools on the administrator's machine.
  new TerraformOutput(scope, 's3_access_key', { value: storage.key.accessKey, sensitive: true, description: 'Customer Secret Key id (S3 access key)' })
  new TerraformOutput(scope, 's3_secret_key', { value: storage.key.secretKey, sensitive: true, description: 'Customer Secret Key secret (S3 secret key)' })
}
