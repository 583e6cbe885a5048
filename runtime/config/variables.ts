import * as v from 'valibot'

export interface Variable {
  schema: v.GenericSchema<string | undefined, unknown>
  description: string
  example: string
}

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'))
const url = v.pipe(text, v.url('must be a URL'))
const int = (min: number, max: number) =>
  v.pipe(
    text,
    v.regex(/^\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  )
const bool = v.pipe(
  text,
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0'], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1'),
)
const list = v.pipe(
  v.string(),
  v.transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
)

// Every variable the runtime reads: its schema, what it is for, and an example for the error message.
export const variables = {
  NODE_ENV: {
    schema: v.optional(v.picklist(['development', 'production', 'test'], 'must be development, production or test'), 'development'),
    description: 'which defaults and safeguards apply',
    example: 'production',
  },
  HOST: { schema: v.optional(text, '0.0.0.0'), description: 'address the API listens on', example: '0.0.0.0' },
  PORT: { schema: v.optional(int(1, 65535), '3001'), description: 'port the API listens on', example: '3001' },
  LOG_LEVEL: {
    schema: v.optional(v.picklist(['debug', 'info', 'warn', 'error'], 'must be debug, info, warn or error'), 'info'),
    description: 'least severe log level printed',
    example: 'info',
  },
  PUBLIC_URL: {
    schema: v.optional(url, 'http://localhost:3000'),
    description: 'where people open the site; its origin may call the API',
    example: 'https://meet.example.com',
  },
  FUNCTIONS_DIR: { schema: v.optional(text, 'functions'), description: 'folder whose files become endpoints', example: 'functions' },
  LIVEKIT_API_KEY: { schema: text, description: 'API key LiveKit accepts (a key of livekit.yaml `keys`)', example: 'APIa1b2c3d4' },
  LIVEKIT_API_SECRET: { schema: text, description: 'secret of that key; signs tokens and webhooks', example: 'a-long-random-secret-of-32-chars' },
  LIVEKIT_URL: { schema: url, description: 'LiveKit server as the API reaches it', example: 'http://livekit:7880' },
  LIVEKIT_PUBLIC_URL: {
    schema: v.optional(url),
    description: 'LiveKit server as browsers reach it (defaults to LIVEKIT_URL)',
    example: 'wss://meet.example.com',
  },
  DATABASE_URL: {
    schema: v.optional(url),
    description: 'PostgreSQL connection; unset in a checkout, `npm run api` (and `users`, `seed`) uses the one `npm start` runs or starts an embedded one',
    example: 'postgres://livekit:secret@postgres:5432/livekit_conference',
  },
  REDIS_URL: {
    schema: v.optional(url, 'redis://127.0.0.1:6379'),
    description: 'Redis for sessions, live participants and rate limits',
    example: 'redis://redis:6379',
  },
  S3_ENDPOINT: { schema: v.optional(url), description: 'S3-compatible endpoint (unset: AWS)', example: 'http://ministack:4566' },
  S3_PUBLIC_ENDPOINT: {
    schema: v.optional(url),
    description: 'endpoint browsers use for presigned downloads (defaults to S3_ENDPOINT)',
    example: 'http://localhost:4566',
  },
  S3_ACCESS_KEY: { schema: text, description: 'S3 access key (Oracle: Customer Secret Key id)', example: 'test' },
  S3_SECRET_KEY: { schema: text, description: 'S3 secret key', example: 'test' },
  S3_BUCKET: {
    schema: v.pipe(text, v.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name')),
    description: 'bucket for recordings',
    example: 'livekit-recordings',
  },
  S3_REGION: { schema: v.optional(text, 'us-east-1'), description: 'S3 region', example: 'us-ashburn-1' },
  S3_FORCE_PATH_STYLE: { schema: v.optional(bool, 'true'), description: 'path-style addressing, needed by MiniStack, LocalStack and Oracle', example: 'true' },
  S3_CREATE_BUCKET: { schema: v.optional(bool, 'false'), description: 'create the bucket at start when missing (local development)', example: 'true' },
  CORS_ORIGINS: {
    schema: v.optional(list, ''),
    description: 'comma-separated origins allowed to call the API from a browser',
    example: 'http://localhost:3000',
  },
  RATE_LIMIT_WINDOW_SECONDS: { schema: v.optional(int(1, 86400), '60'), description: 'rate-limit window length', example: '60' },
  RATE_LIMIT_MAX: { schema: v.optional(int(1, 1_000_000), '300'), description: 'API requests per client per window', example: '300' },
  RATE_LIMIT_TOKEN_MAX: { schema: v.optional(int(1, 1_000_000), '30'), description: 'token requests per client per window', example: '30' },
  BODY_LIMIT_BYTES: { schema: v.optional(int(1024, 100_000_000), '1048576'), description: 'largest request body accepted', example: '1048576' },
  SESSION_TTL_SECONDS: { schema: v.optional(int(60, 31_536_000), '604800'), description: 'how long an idle visitor session lives', example: '604800' },
  TRUST_PROXY_HOPS: {
    schema: v.optional(int(0, 10), '0'),
    description: 'proxies in front that append to X-Forwarded-For (Caddy or the site: 1); 0 uses the connection address',
    example: '1',
  },
  STORAGE_BUDGET_GB: {
    schema: v.optional(int(1, 1_000_000)),
    description:
      "the bucket's budget in GB (2^30 bytes, as the page counts them): hosts see the bucket's use against it on the recordings page; on Oracle the deployment sets the Always Free 20",
    example: '20',
  },
  RECORDING_RETENTION_DAYS: {
    schema: v.optional(int(1, 3650)),
    description: 'delete finished recordings (file and row) older than this many days; unset: keep them',
    example: '90',
  },
  EGRESS_HEALTH_URL: {
    schema: v.optional(url),
    description:
      "LiveKit Egress's health port as the API reaches it (egress.yaml `health_port`); set where recording is configured: /health then reports whether a recording worker answers",
    example: 'http://livekit:8080/',
  },
  SITE_HEALTH_URL: {
    schema: v.optional(url),
    description: 'the site as the API reaches it; set: /health reports whether it answers',
    example: 'http://site:3000/',
  },
  METRICS_PORT: {
    schema: v.optional(int(1, 65535)),
    description: 'port serving Prometheus metrics at /metrics (unset: none); never publish it',
    example: '9464',
  },
  METRICS_HOST: { schema: v.optional(text), description: 'address the metrics port listens on (defaults to HOST)', example: '0.0.0.0' },
  HEALTH_CACHE_SECONDS: { schema: v.optional(int(1, 300), '5'), description: 'how long one round of /health probes is shared by every caller', example: '5' },
  HEALTH_TOKEN: {
    schema: v.optional(v.pipe(text, v.minLength(32, 'must be at least 32 characters'))),
    description: 'bearer token that shows /health in detail from outside the internal network (unset: internal network only)',
    example: 'a-long-random-token-of-32-chars-or-more',
  },
  ACCESS_MODE: {
    schema: v.optional(v.picklist(['members', 'open'], 'must be members or open')),
    description:
      'who may start meetings and record: `members` (signed-in members; guests join by invite link) or `open` (anyone); defaults to members in production, open otherwise',
    example: 'members',
  },
  LOBBY_DEFAULT: {
    schema: v.optional(bool),
    description:
      'whether new meetings start with the lobby on (hosts admit each guest; a host can change it in the meeting); defaults to true in the members access mode, false in the open mode',
    example: 'true',
  },
  OIDC_ISSUER: {
    schema: v.optional(url),
    description: 'OpenID Connect provider for "Sign in with …" (its issuer URL); unset: password accounts only',
    example: 'https://sso.example.com/realms/meet',
  },
  OIDC_CLIENT_ID: { schema: v.optional(text), description: 'client id registered at the OpenID provider', example: 'meet' },
  OIDC_CLIENT_SECRET: { schema: v.optional(text), description: 'client secret registered at the OpenID provider', example: 'a-secret-from-the-provider' },
  OIDC_PROVIDER_NAME: { schema: v.optional(text, 'single sign-on'), description: 'name on the sign-in button ("Sign in with …")', example: 'Keycloak' },
  OIDC_ALLOWED_DOMAINS: {
    schema: v.optional(list, ''),
    description: 'comma-separated email domains that may sign in (empty: any verified email)',
    example: 'example.com',
  },
  OIDC_ALLOWED_GROUPS: {
    schema: v.optional(list, ''),
    description: 'comma-separated group claim values that may sign in (empty: no group needed)',
    example: 'meet-users',
  },
  OIDC_GROUPS_CLAIM: { schema: v.optional(text, 'groups'), description: 'ID token claim that lists the groups', example: 'groups' },
  OIDC_ADMIN_GROUPS: { schema: v.optional(list, ''), description: 'comma-separated groups whose members become admins at sign-in', example: 'meet-admins' },
  OIDC_ADMIN_EMAILS: { schema: v.optional(list, ''), description: 'comma-separated emails that become admins at sign-in', example: 'ada@example.com' },
  OIDC_CREATE_MEMBERS: {
    schema: v.optional(bool, 'true'),
    description: 'create a member at the first allowed sign-in (false: only existing members may sign in)',
    example: 'true',
  },
  DATA_DIR: { schema: v.optional(text, '.data'), description: 'where embedded services keep data in development', example: '.data' },
} satisfies Record<string, Variable>

export type VariableName = keyof typeof variables
