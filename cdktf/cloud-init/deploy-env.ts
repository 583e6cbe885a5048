import type { Inputs } from '../inputs/schema.ts'
import { composeProfiles, type Role } from '../deployment/roles.ts'
import { alwaysFree } from '../inputs/free-tier.ts'

// Settings known when synthesizing; the instance adds secrets, S3 credentials and its IPs.
// Every value went through the input schema, so none holds a newline or a quote.
export function renderDeployEnv(inputs: Inputs, role: Role = 'primary', ocpus = inputs.ocpus): string {
  const settings = {
    NODE_ENV: 'production',
    COMPOSE_PROFILES: composeProfiles(role, inputs),
    // Written only for the other roles, so a primary's settings stay as they were before them.
    ...(role !== 'primary' && {
      MEET_ROLE: role,
      COMPOSE_FILE: 'compose.yaml:compose.node.yaml',
      // compose.yaml names it for every service; a node runs no database.
      POSTGRES_PASSWORD: 'not-used-on-this-node',
    }),
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
    ...(role !== 'recorder' && livekitSettings(inputs, ocpus)),
  }
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('')
}

// An A1 OCPU comes with 1 Gbps of network bandwidth (Oracle's shape table): by default a node
// takes new tracks until its outgoing media would fill 70 % of it.
const bytesPerSecPerOcpu = 125_000_000
const defaultBandwidthShare = 0.7

function livekitSettings(inputs: Inputs, ocpus: number) {
  return {
    LIVEKIT_LIMIT_NUM_TRACKS: String(inputs.livekitNumTracksLimit),
    LIVEKIT_LIMIT_BYTES_PER_SEC: String(inputs.livekitBytesPerSecLimit ?? Math.round(ocpus * bytesPerSecPerOcpu * defaultBandwidthShare)),
    LIVEKIT_NODE_SELECTOR_KIND: inputs.livekitNodeSelector,
    // sysload: the least loaded node below the limit; any: a random one.
    LIVEKIT_NODE_SELECTOR_SORT_BY: inputs.livekitNodeSelector === 'sysload' ? 'sysload' : 'random',
    LIVEKIT_NODE_SELECTOR_SYSLOAD_LIMIT: String(inputs.livekitSysloadLimit),
  }
}
