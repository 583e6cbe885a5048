import { spawnSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { readCompose, readRepoFile, repoRoot } from './support/stack-files.ts'

// versions.env is the one place every image and service version is pinned; the files that
// cannot read it name the same values, and this test holds them to it.
const versions = Object.fromEntries(
  readRepoFile('versions.env')
    .split('\n')
    .filter((line) => /^\w+=/.test(line))
    .map((line) => line.split('=', 2) as [string, string]),
)
const compose = readCompose()
/** An image as Compose resolves it with no .env: `${NAME:-default}` becomes the default. */
const resolved = (image: string) => image.replaceAll(/\$\{(\w+):-([^}]*)\}/g, (_, _name, fallback) => fallback)

// Where each third-party service's image comes from in versions.env.
const expectedImages: Record<string, string> = {
  postgres: versions.POSTGRES_IMAGE,
  redis: versions.REDIS_IMAGE,
  ministack: `ministackorg/ministack:${versions.MINISTACK_VERSION}`,
  localstack: `localstack/localstack:${versions.LOCALSTACK_VERSION}`,
  livekit: `livekit/livekit-server:${versions.LIVEKIT_VERSION}`,
  egress: `livekit/egress:${versions.EGRESS_VERSION}`,
  prometheus: `prom/prometheus:${versions.PROMETHEUS_VERSION}`,
  grafana: `grafana/grafana-oss:${versions.GRAFANA_VERSION}`,
  'node-exporter': `prom/node-exporter:${versions.NODE_EXPORTER_VERSION}`,
  cadvisor: `gcr.io/cadvisor/cadvisor:${versions.CADVISOR_VERSION}`,
  'blackbox-exporter': `prom/blackbox-exporter:${versions.BLACKBOX_EXPORTER_VERSION}`,
}
// Files that name images, tags or tool versions.
const pinnedFiles = [
  'compose.yaml',
  '.env.example',
  'runtime/Dockerfile',
  'site/Dockerfile',
  'caddy/Dockerfile',
  '.github/workflows/ci.yml',
  '.github/workflows/deploy.yml',
  'tests/containers/compose.stand-ins.yaml',
  'tests/containers/compose.test.yaml',
  'tests/containers/support/stand-ins.ts',
  'tests/containers/stand-ins/Dockerfile',
  'versions.env',
  'cdktf/cloud-init/files/meet-install-docker.sh',
  'scripts/install-deps.sh',
]

describe('versions.env: every version pinned, in one place', () => {
  test('every third-party service of compose.yaml runs the image versions.env names', () => {
    const ours = ['runtime', 'site', 'caddy']
    const services = Object.keys(compose.services)
      .filter((name) => !ours.includes(name))
      .sort()
    expect(services).toEqual(Object.keys(expectedImages).sort())
    for (const name of services) expect({ name, image: resolved(compose.services[name].image!) }).toEqual({ name, image: expectedImages[name] })
  })

  test("each version .env may override is named after versions.env's key and defaults to its value", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [, variable, fallback] of service.image!.matchAll(/\$\{(\w+_VERSION):-([^}]*)\}/g)) {
        expect({ name, variable, fallback }).toEqual({ name, variable, fallback: versions[variable] })
      }
    }
  })

  test('.env.example shows the same versions as the overrides it documents', () => {
    const example = readRepoFile('.env.example')
    for (const [, variable, value] of example.matchAll(/^# (\w+_VERSION)=(\S+)$/gm))
      expect({ variable, value }).toEqual({ variable, value: versions[variable] })
    expect(example).toContain(`# MINISTACK_IMAGE=${expectedImages.ministack}`)
  })

  test('the Dockerfiles build on the base images versions.env names, Caddy with its layer4 version', () => {
    for (const file of ['runtime/Dockerfile', 'site/Dockerfile']) expect(readRepoFile(file)).toMatch(new RegExp(`^ARG NODE_IMAGE=${versions.NODE_IMAGE}$`, 'm'))
    const caddy = readRepoFile('caddy/Dockerfile')
    expect(caddy).toMatch(new RegExp(`^ARG CADDY_BUILDER_IMAGE=caddy:${versions.CADDY_VERSION}-builder$`, 'm'))
    expect(caddy).toMatch(new RegExp(`^ARG CADDY_IMAGE=caddy:${versions.CADDY_VERSION}-alpine$`, 'm'))
    expect(caddy).toContain(`xcaddy build v${versions.CADDY_VERSION} --with github.com/mholt/caddy-l4@${versions.CADDY_L4_VERSION}`)
    const goMod = readRepoFile('scripts/caddy-l4/go.mod')
    expect(goMod).toMatch(new RegExp(`^\\s+github.com/caddyserver/caddy/v2 v${versions.CADDY_VERSION}$`, 'm'))
    expect(goMod).toMatch(new RegExp(`^\\s+github.com/mholt/caddy-l4 ${versions.CADDY_L4_VERSION}$`, 'm'))
  })

  test('install-deps builds and installs the versions versions.env names (it reads the file)', () => {
    const printed = spawnSync('bash', ['-c', 'set -e; source versions.env; echo "$LIVEKIT_VERSION $MINISTACK_VERSION $CADDY_VERSION"'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).stdout.trim()
    expect(printed).toBe(`${versions.LIVEKIT_VERSION} ${versions.MINISTACK_VERSION} ${versions.CADDY_VERSION}`)
    const installDeps = readRepoFile('scripts/install-deps.sh')
    expect(installDeps).toContain('source "$(dirname "$0")/../versions.env"')
    expect(installDeps).not.toMatch(/^(LIVEKIT|MINISTACK|CADDY)_VERSION=/m)
    // The native launcher finds the livekit-server install-deps built by its version.
    expect(readRepoFile('native/livekit.ts')).toContain(`const livekitVersion = '${versions.LIVEKIT_VERSION}'`)
  })

  test('the test stand-ins carry the version of what they stand in for', () => {
    const standIns = readRepoFile('tests/containers/compose.stand-ins.yaml')
    expect(standIns).toContain(`image: meet-stand-in/ministack:${versions.MINISTACK_VERSION}`)
    expect(standIns).toContain(`image: meet-stand-in/livekit-server:${versions.LIVEKIT_VERSION}`)
  })

  test.each(pinnedFiles)('%s names no `latest` image, tag or version', (file) => {
    const offending = readRepoFile(file)
      .split('\n')
      .filter((line) => /(:|=|value=)\s*latest\b|\blatest\s*$/i.test(line) && !/backup/i.test(line))
    expect(offending).toEqual([])
  })

  test('the app images default to a local tag; CI publishes only commit tags, which deployments run', () => {
    for (const name of ['runtime', 'site', 'caddy']) expect(compose.services[name].image).toMatch(/:\$\{IMAGE_TAG:-local\}$/)
    expect(readRepoFile('.github/workflows/ci.yml')).toMatch(/type=sha,format=long,prefix=\n(?!\s+type=raw)/)
  })
})
