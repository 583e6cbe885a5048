import type { Inputs } from '../inputs/schema.ts'
import { alwaysFree } from '../inputs/free-tier.ts'

// Settings known when synthesizing; the instance adds secrets, S3 credentials and its IP.
// Every value went through the input schema, so none holds a newline or a quote.
export function renderDeployEnv(inputs: Inputs): string {
  const settings = {
    NODE_ENV: 'production',
    COMPOSE_PROFILES: 'production',
    DOMAIN: inputs.domain,
    ACME_EMAIL: inputs.acmeEmail,
    IMAGE_REGISTRY: inputs.imageRegistry,
    IMAGE_TAG: inputs.imageTag,
    POSTGRES_USER: 'meet',
    POSTGRES_DB: 'livekit_conference',
    S3_BUCKET: inputs.bucketName,
    S3_REGION: inputs.region,
    S3_FORCE_PATH_STYLE: 'true',
    S3_CREATE_BUCKET: 'false',
    // The recordings page shows the bucket's use against Oracle's Always Free Object Storage
    // (per tenancy: staging and production share it).
    STORAGE_BUDGET_GB: String(alwaysFree.objectStorageGbs),
    ...(inputs.recordingRetentionDays && { RECORDING_RETENTION_DAYS: String(inputs.recordingRetentionDays) }),
  }
  return Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join('')
}
