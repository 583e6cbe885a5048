import { TerraformOutput } from 'cdktf'
import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import type { CreatedNode } from './nodes.ts'
import type { Storage } from './storage.ts'

export function createOutputs(scope: Construct, inputs: Inputs, publicIp: string, storage: Storage, nodes: CreatedNode[] = []): void {
  new TerraformOutput(scope, 'public_ip', { value: publicIp, description: `point the A records of ${inputs.domain} and turn.${inputs.domain} here` })
  new TerraformOutput(scope, 'site_url', { value: `https://${inputs.domain}`, description: 'the site, once DNS and the certificate are in place' })
  // TURN over TLS on 443 (Caddy's layer4 route): browsers behind firewalls that let only 443 out.
  new TerraformOutput(scope, 'turn_domain', { value: `turn.${inputs.domain}`, description: 'create an A record for this name too, pointing at public_ip' })
  new TerraformOutput(scope, 'ssh_command', { value: `ssh ubuntu@${publicIp}`, description: 'log in to the instance' })
  new TerraformOutput(scope, 'bucket_name', { value: storage.bucket.name, description: 'Object Storage bucket for recordings' })
  new TerraformOutput(scope, 's3_endpoint', { value: storage.endpoint, description: 'S3-compatible endpoint (path-style addressing)' })
  // The key pair is already on the instance; these are for tools on the administrator's machine.
  new TerraformOutput(scope, 's3_access_key', { value: storage.key.accessKey, sensitive: true, description: 'Customer Secret Key id (S3 access key)' })
  new TerraformOutput(scope, 's3_secret_key', { value: storage.key.secretKey, sensitive: true, description: 'Customer Secret Key secret (S3 secret key)' })
  const media = nodes.filter((node) => node.role === 'media')
  const recorders = nodes.filter((node) => node.role === 'recorder')
  // Browsers reach media nodes by IP (LiveKit advertises it): no DNS record is needed for them.
  if (media.length)
    new TerraformOutput(scope, 'media_node_public_ips', {
      value: media.map((node) => node.instance.publicIp),
      description: 'public IPs of the media nodes (ssh ubuntu@<ip>)',
    })
  if (recorders.length)
    new TerraformOutput(scope, 'recorder_public_ips', {
      value: recorders.map((node) => node.instance.publicIp),
      description: 'public IPs of the recorders (ssh ubuntu@<ip>)',
    })
}
