import type { Construct } from 'constructs'
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
