import type { Construct } from 'constructs'
import type { TerraformMetaArguments } from 'cdktf'
import { OciResource } from './element.ts'

export interface ObjectstorageBucketConfig {
  compartment_id: string
  namespace: string
  name: string
  access_type: 'NoPublicAccess'
  versioning: 'Enabled' | 'Disabled'
  freeform_tags?: Record<string, string>
}

export class ObjectstorageBucket extends OciResource<ObjectstorageBucketConfig> {
  constructor(scope: Construct, id: string, config: ObjectstorageBucketConfig) {
    super(scope, id, 'oci_objectstorage_bucket', config)
  }

  get name(): string {
    return this.getStringAttribute('name')
  }
}

// An access key / secret pair for the S3-compatible API, owned by an IAM user.
export class IdentityCustomerSecretKey extends OciResource<{ display_name: string; user_id: string }> {
  constructor(scope: Construct, id: string, config: { display_name: string; user_id: string }) {
    super(scope, id, 'oci_identity_customer_secret_key', config)
  }

  // The key's id is the access key of the pair.
  get accessKey(): string {
    return this.getStringAttribute('id')
  }

  get secretKey(): string {
    return this.getStringAttribute('key')
  }
}

export interface LifecycleRule {
  name: string
  action: 'DELETE' | 'ARCHIVE' | 'INFREQUENT_ACCESS' | 'ABORT'
  is_enabled: boolean
  // The provider types time_amount as a string.
  time_amount: string
  time_unit: 'DAYS' | 'YEARS'
  target?: 'objects' | 'previous-object-versions' | 'multipart-uploads'
  object_name_filter?: { inclusion_prefixes?: string[]; inclusion_patterns?: string[]; exclusion_patterns?: string[] }
}

export class ObjectstorageObjectLifecyclePolicy extends OciResource<{ bucket: string; namespace: string; rules: LifecycleRule[] }> {
  constructor(scope: Construct, id: string, config: { bucket: string; namespace: string; rules: LifecycleRule[] }, meta?: TerraformMetaArguments) {
    super(scope, id, 'oci_objectstorage_object_lifecycle_policy', config, meta)
  }
}

// An IAM policy: who may do what where (https://docs.oracle.com/iaas/Content/Identity/policyreference/policyreference.htm).
export class IdentityPolicy extends OciResource<{ compartment_id: string; name: string; description: string; statements: string[] }> {
  constructor(scope: Construct, id: string, config: { compartment_id: string; name: string; description: string; statements: string[] }) {
    super(scope, id, 'oci_identity_policy', config)
  }
}
