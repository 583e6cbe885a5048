import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { DataObjectstorageNamespace } from '../oci/lookups.ts'
import { IdentityCustomerSecretKey, IdentityPolicy, ObjectstorageBucket, ObjectstorageObjectLifecyclePolicy } from '../oci/storage.ts'

// Oracle's S3-compatible endpoint; Oracle needs path-style addressing on it.
const s3Endpoint = (namespace: string, region: string) => `https://${namespace}.compat.objectstorage.${region}.oraclecloud.com`

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
  if (inputs.recordingRetentionDays) createRecordingRetention(scope, inputs, bucket, namespace.namespace)
  return { bucket, key, endpoint: s3Endpoint(namespace.namespace, inputs.region) }
}

export type Storage = ReturnType<typeof createStorage>

// RECORDING_RETENTION_DAYS: Object Storage deletes recordings/ objects older than that by itself
// (the runtime's sweep does the same on other stores). Backups under backups/ are pruned by
// meet-backup instead. Lifecycle rules act as the Object Storage service, which needs a policy.
function createRecordingRetention(scope: Construct, inputs: Inputs, bucket: ObjectstorageBucket, namespace: string) {
  const permission = new IdentityPolicy(scope, 'lifecycle_permission', {
    compartment_id: inputs.compartmentOcid,
    name: `${inputs.name}-object-lifecycle`,
    description: `Lets Object Storage apply the lifecycle rule of ${inputs.bucketName}`,
    statements: [`Allow service objectstorage-${inputs.region} to manage object-family in compartment id ${inputs.compartmentOcid}`],
  })
  new ObjectstorageObjectLifecyclePolicy(
    scope,
    'recording_retention',
    {
      bucket: bucket.name,
      namespace,
      rules: [
        {
          name: 'delete-old-recordings',
          action: 'DELETE',
          is_enabled: true,
          time_amount: String(inputs.recordingRetentionDays),
          time_unit: 'DAYS',
          target: 'objects',
          object_name_filter: { inclusion_prefixes: ['recordings/'] },
        },
      ],
    },
    { dependsOn: [permission] },
  )
}
