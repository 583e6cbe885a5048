import * as v from 'valibot'
import { cidrPrefix, isIpv4Cidr } from './cidr.ts'

export interface InputVariable {
  env: string
  schema: v.GenericSchema<string | undefined, unknown>
  description: string
  example: string
}

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'))
const ocid = (kinds: string[]) =>
  v.pipe(
    text,
    v.check((s) => kinds.some((kind) => s.startsWith(`ocid1.${kind}.`)), `must be an OCID starting with ${kinds.map((k) => `ocid1.${k}.`).join(' or ')}`),
  )
const number = (min: number, max: number, whole: boolean) =>
  v.pipe(
    text,
    v.regex(whole ? /^\d+$/ : /^\d+(\.\d+)?$/, whole ? 'must be a whole number' : 'must be a number'),
    v.transform(Number),
    v.minValue(min, `must be between ${min} and ${max}`),
    v.maxValue(max, `must be between ${min} and ${max}`),
  )
const bool = v.pipe(
  text,
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0'], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1'),
)
// Flexible shapes take an OCPU count and a memory size (VM.Standard.A1.Flex, VM.Standard.E4.Flex, …).
const flexShape = v.pipe(text, v.regex(/^VM\.Standard\.[A-Z0-9]+\.Flex$/, 'must be a flexible VM shape such as VM.Standard.A1.Flex'))
const cidr = v.pipe(
  text,
  v.check(isIpv4Cidr, 'must be an IPv4 CIDR such as 203.0.113.7/32'),
  v.check((s) => cidrPrefix(s) > 0, 'must not be /0: SSH stays closed to the whole internet'),
)

// Every input of the deployment. Config-file keys are these names; environment variables win.
export const inputVariables = {
  compartmentOcid: {
    env: 'OCI_COMPARTMENT_OCID',
    schema: ocid(['compartment', 'tenancy']),
    description: 'compartment that holds every resource',
    example: 'ocid1.compartment.oc1..aaaa…',
  },
  tenancyOcid: {
    env: 'OCI_TENANCY_OCID',
    schema: ocid(['tenancy']),
    description: 'tenancy (from ~/.oci/config `tenancy` when unset)',
    example: 'ocid1.tenancy.oc1..aaaa…',
  },
  userOcid: {
    env: 'OCI_USER_OCID',
    schema: ocid(['user']),
    description: 'user that owns the S3 Customer Secret Key (from ~/.oci/config `user` when unset)',
    example: 'ocid1.user.oc1..aaaa…',
  },
  region: {
    env: 'OCI_REGION',
    schema: v.pipe(text, v.regex(/^[a-z]{2}-[a-z]+-\d+$/, 'must be a region identifier')),
    description: 'home or subscribed region (from ~/.oci/config `region` when unset)',
    example: 'eu-frankfurt-1',
  },
  ociProfile: {
    env: 'OCI_CONFIG_PROFILE',
    schema: v.optional(text, 'DEFAULT'),
    description: 'profile of ~/.oci/config the provider signs with',
    example: 'DEFAULT',
  },
  name: {
    env: 'DEPLOYMENT_NAME',
    schema: v.optional(v.pipe(text, v.regex(/^[a-z][a-z0-9]{0,14}$/, 'must be 1-15 lowercase letters or digits, starting with a letter')), 'meet'),
    description: 'prefix of display names, DNS labels and the hostname',
    example: 'meet',
  },
  domain: {
    env: 'DOMAIN',
    schema: v.pipe(text, v.toLowerCase(), v.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name')),
    description: 'domain whose A record points at the instance',
    example: 'meet.example.com',
  },
  acmeEmail: {
    env: 'ACME_EMAIL',
    schema: v.pipe(text, v.email('must be an email address')),
    description: "address Let's Encrypt writes to about certificates",
    example: 'admin@example.com',
  },
  sshPublicKey: {
    env: 'SSH_PUBLIC_KEY',
    schema: v.pipe(text, v.regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+( .*)?$/, 'must be an OpenSSH public key line')),
    description: 'public key for the `ubuntu` user (or SSH_PUBLIC_KEY_FILE, default ~/.ssh/id_ed25519.pub)',
    example: 'ssh-ed25519 AAAA… me@laptop',
  },
  adminCidr: { env: 'ADMIN_CIDR', schema: cidr, description: 'addresses allowed to reach SSH (port 22)', example: '203.0.113.7/32' },
  ocpus: {
    env: 'A1_OCPUS',
    schema: v.optional(number(1, 80, true), '4'),
    description: 'OCPUs of the A1 instance (A1.Flex: 1-80; Always Free: 4 in total)',
    example: '4',
  },
  memoryInGbs: {
    env: 'A1_MEMORY_GB',
    schema: v.optional(number(1, 512, true), '24'),
    description: 'memory of the A1 instance in GB (A1.Flex: up to 64 per OCPU; Always Free: 24 in total)',
    example: '24',
  },
  bootVolumeInGbs: {
    env: 'BOOT_VOLUME_GB',
    schema: v.optional(number(50, 32768, true), '100'),
    description: 'boot volume size in GB (Always Free: 200 GB of block storage in total)',
    example: '100',
  },
  dataVolumeInGbs: {
    env: 'DATA_VOLUME_GB',
    schema: v.optional(number(50, 32768, true), '50'),
    description: 'block volume for PostgreSQL, Redis and certificates, kept when the instance is replaced (Always Free: 200 GB in total with the boot volume)',
    example: '50',
  },
  volumeBackupWeeks: {
    env: 'VOLUME_BACKUP_WEEKS',
    schema: v.optional(number(0, 52, true), '2'),
    description: 'weekly OCI backups of the data volume to keep (0: none; Always Free: 5 volume backups in total)',
    example: '2',
  },
  recordingRetentionDays: {
    env: 'RECORDING_RETENTION_DAYS',
    schema: v.optional(number(1, 3650, true)),
    description: 'delete recordings older than this many days (a bucket lifecycle rule); unset: keep them',
    example: '90',
  },
  availabilityDomain: {
    env: 'AVAILABILITY_DOMAIN',
    schema: v.optional(
      v.pipe(text, v.regex(/^([1-3]|[A-Za-z0-9]+:[A-Z]{2}-[A-Z]+-\d+-AD-[1-3])$/, 'must be 1, 2, 3 or a name such as Uocm:EU-FRANKFURT-1-AD-1')),
    ),
    description: 'availability domain: its number (1, 2, 3) or full name; unset: the first',
    example: '2',
  },
  reservedPublicIp: {
    env: 'RESERVED_PUBLIC_IP',
    schema: v.optional(bool, 'false'),
    description: 'keep the public IP when the instance is replaced',
    example: 'true',
  },
  bucketName: {
    env: 'BUCKET_NAME',
    schema: v.optional(
      v.pipe(text, v.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be 3-63 lowercase letters, digits, dots or dashes')),
      'meet-recordings',
    ),
    description: 'Object Storage bucket for recordings',
    example: 'meet-recordings',
  },
  bucketVersioning: {
    env: 'BUCKET_VERSIONING',
    schema: v.optional(bool, 'false'),
    description: 'keep earlier versions of overwritten objects',
    example: 'true',
  },
  imageRegistry: {
    env: 'IMAGE_REGISTRY',
    schema: v.optional(v.pipe(text, v.regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, 'must be a registry path such as ghcr.io/owner')), 'ghcr.io/meet'),
    description: 'registry path of the meet-runtime and meet-site images',
    example: 'ghcr.io/your-org',
  },
  // Required and never `latest`: the instance runs exactly the release it was given (docs/operations.md, Versions).
  imageTag: {
    env: 'IMAGE_TAG',
    schema: v.pipe(
      text,
      v.regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be an image tag'),
      v.check((tag) => tag !== 'latest', 'must name a release (CI tags each image with its commit), not latest'),
    ),
    description: 'tag of those images: the commit CI published them under (the deploy workflow sets it)',
    example: '3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  },
  // More machines (docs/scaling.md). Every one counts against the free allowance below.
  mediaNodes: {
    env: 'MEDIA_NODES',
    schema: v.optional(number(0, 20, true), '0'),
    description: 'extra instances that run only LiveKit (rooms are spread over them and the primary)',
    example: '1',
  },
  mediaNodeShape: {
    env: 'MEDIA_NODE_SHAPE',
    schema: v.optional(flexShape, 'VM.Standard.A1.Flex'),
    description: 'shape of each media node',
    example: 'VM.Standard.A1.Flex',
  },
  mediaNodeOcpus: { env: 'MEDIA_NODE_OCPUS', schema: v.optional(number(1, 80, true), '2'), description: 'OCPUs of each media node', example: '2' },
  mediaNodeMemoryInGbs: {
    env: 'MEDIA_NODE_MEMORY_GB',
    schema: v.optional(number(1, 512, true), '8'),
    description: 'memory of each media node in GB',
    example: '8',
  },
  mediaNodeEgress: {
    env: 'MEDIA_NODE_EGRESS',
    schema: v.optional(bool, 'false'),
    description: 'media nodes also run Egress beside LiveKit (recordings on the media nodes too)',
    example: 'true',
  },
  recorders: { env: 'RECORDERS', schema: v.optional(number(0, 20, true), '0'), description: 'extra instances that run only Egress (recordings)', example: '1' },
  recorderShape: {
    env: 'RECORDER_SHAPE',
    schema: v.optional(flexShape, 'VM.Standard.A1.Flex'),
    description: 'shape of each recorder',
    example: 'VM.Standard.A1.Flex',
  },
  recorderOcpus: {
    env: 'RECORDER_OCPUS',
    schema: v.optional(number(1, 80, true), '4'),
    description: "OCPUs of each recorder (a room composite recording reserves 4 CPUs by Egress's default)",
    example: '4',
  },
  recorderMemoryInGbs: { env: 'RECORDER_MEMORY_GB', schema: v.optional(number(1, 512, true), '8'), description: 'memory of each recorder in GB', example: '8' },
  nodeBootVolumeInGbs: {
    env: 'NODE_BOOT_VOLUME_GB',
    schema: v.optional(number(50, 32768, true), '50'),
    description: 'boot volume of each media node and recorder in GB (they keep no data)',
    example: '50',
  },
  // LiveKit on every node, the primary included (livekit.yaml limit and node_selector).
  livekitNumTracksLimit: {
    env: 'LIVEKIT_NUM_TRACKS_LIMIT',
    schema: v.optional(number(0, 1_000_000, true), '0'),
    description: 'tracks one LiveKit node accepts before refusing new ones (limit.num_tracks; 0: no limit)',
    example: '400',
  },
  livekitBytesPerSecLimit: {
    env: 'LIVEKIT_BYTES_PER_SEC_LIMIT',
    schema: v.optional(number(0, 100_000_000_000, true)),
    description:
      "outgoing bytes per second one LiveKit node accepts before refusing new tracks (limit.bytes_per_sec); unset: 70 % of the node's network bandwidth (125,000,000 bytes/s per A1 OCPU); 0: no limit",
    example: '175000000',
  },
  livekitNodeSelector: {
    env: 'LIVEKIT_NODE_SELECTOR',
    schema: v.optional(v.picklist(['any', 'sysload'], 'must be any or sysload'), 'sysload'),
    description: 'how LiveKit picks the node for a new room (node_selector.kind): sysload skips nodes above the load limit',
    example: 'sysload',
  },
  livekitSysloadLimit: {
    env: 'LIVEKIT_SYSLOAD_LIMIT',
    schema: v.optional(number(0.1, 1, false), '0.7'),
    description: 'load per CPU above which a node takes no new room (node_selector.sysload_limit)',
    example: '0.7',
  },
  // Oracle's A1 allowance has changed before (reported again in 2026): an input, not a constant.
  freeOcpus: {
    env: 'FREE_A1_OCPUS',
    schema: v.optional(number(0, 1000, true), '4'),
    description: 'A1 OCPUs of the Always Free allowance in this tenancy (synth warns above it)',
    example: '4',
  },
  freeMemoryInGbs: {
    env: 'FREE_A1_MEMORY_GB',
    schema: v.optional(number(0, 10000, true), '24'),
    description: 'A1 memory in GB of the Always Free allowance (synth warns above it)',
    example: '24',
  },
  ubuntuVersion: {
    env: 'UBUNTU_VERSION',
    schema: v.optional(v.pipe(text, v.regex(/^\d{2}\.04$/, 'must be an Ubuntu LTS version such as 24.04')), '24.04'),
    description: 'Ubuntu release of the image',
    example: '24.04',
  },
} satisfies Record<string, InputVariable>

export type InputName = keyof typeof inputVariables
