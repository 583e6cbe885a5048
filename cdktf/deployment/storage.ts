import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { DataObjectstorageNamespace } from '../oci/lookups.ts'
import { IdentityCustomerSecretKey, ObjectstorageBucket } from '../oci/storage.ts'

// Oracle's S3-compatible endpoint; Oracle needs path-style addressing on it.
export const s3Endpoint = (namespace: string, region: string) => `https://${namespace}.compat.objectstorage.${region}.oraclecloud.com`

export function createStorage(scope: Construct, inputs: Inputs) {
  const namespace = new DataObjectstorageNamespace(scope, 'namespace', { compartment_id: inputs.tenancyOcid })
  const bucket = new ObjectstorageBucket(scope, 'recordings', {
    compartment_id: inputs.compartmentOcid,
    namespace: namespace.namespace,
    name: inputs.bucketName,
    access_type: 'NoPublicAccess',
    versioning: inputs.bucketVersioning ? 'Enabled' : 'Disabled',
  })
  const key = new IdentityCustomerSecretKey(scope, 's3_key', { display_name: `${inputs.name}-s3`, user_id: inputs.userOcid })
  return { bucket, key, endpoint: s3Endpoint(namespace.namespace, inputs.region) }
}

export type Storage = ReturnType<typeof createStorage>
