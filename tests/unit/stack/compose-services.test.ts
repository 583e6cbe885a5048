import { describe, expect, test } from 'vitest'
import { readCompose, readRepoFile } from './support/stack-files.ts'

const compose = readCompose()
const services = Object.entries(compose.services)
const interpolation = /^\$\{\w+(:?[-?][^}]*)?\}$/

describe('compose.yaml, service by service', () => {
  test('follows the Compose specification: no `version:` key, the services the product needs', () => {
    expect(compose.version).toBeUndefined()
    expect(readRepoFile('compose.yaml')).not.toMatch(/^version:/m)
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'ministack', 'livekit', 'egress', 'runtime', 'site', 'caddy']))
  })

  test.each(services)('%s has a health check, restarts unless stopped and rotates its json-file logs', (_, service) => {
    expect(service.healthcheck?.test).toBeTruthy()
    expect(service.restart).toBe('unless-stopped')
    expect(service.logging?.driver).toBe('json-file')
    expect(service.logging?.options).toEqual({ 'max-size': expect.any(String), 'max-file': expect.any(String) })
  })

  test.each(services.filter(([, service]) => service.depends_on))('%s waits for its dependencies to be healthy', (_, service) => {
    for (const dependency of Object.values(service.depends_on!)) expect(dependency.condition).toBe('service_healthy')
  })

  test('every dependency names a service that has a health check', () => {
    for (const [, service] of services) {
      for (const name of Object.keys(service.depends_on ?? {})) expect(compose.services[name]?.healthcheck).toBeDefined()
    }
  })

  test('data lives in named volumes: postgres, redis, storage (S3) and caddy data', () => {
    const mounts = (name: string) => (compose.services[name].volumes ?? []).map((volume) => volume.split(':')[0])
    expect(mounts('postgres')).toContain('postgres')
    expect(mounts('redis')).toContain('redis')
    expect(mounts('ministack')).toContain('storage')
    expect(mounts('caddy')).toContain('caddy_data')
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['postgres', 'redis', 'storage', 'caddy_data']))
  })

  test('no secret is written into the file: secrets come from .env, without a default', () => {
    const text = readRepoFile('compose.yaml')
    const secrets = ['POSTGRES_PASSWORD', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'S3_SECRET_KEY', 'S3_ACCESS_KEY', 'LOCALSTACK_AUTH_TOKEN']
    for (const name of secrets) {
      // Only the emulators' well-known `test` credentials and an empty token may be defaults.
      const defaults = [...text.matchAll(new RegExp(`\\$\\{${name}:-([^}]*)\\}`, 'g'))].map((match) => match[1])
      expect(
        defaults.filter((value) => value !== 'test' && value !== ''),
        name,
      ).toEqual([])
    }
    for (const [name, service] of services) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|_KEY$|_KEYS$/.test(key)) expect(String(value), `${name}.${key}`).toMatch(/^(\$\{\w+(:[-?][^}]*)?\}|: )+$/)
      }
    }
    expect(compose.services.runtime.environment!.DATABASE_URL).toContain(':${POSTGRES_PASSWORD}@')
  })

  test('PostgreSQL 18, Redis 7 with an append-only file and a memory cap', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:18/)
    expect(compose.services.redis.image).toMatch(/^redis:7/)
    const command = compose.services.redis.command!.join(' ')
    expect(command).toMatch(/--appendonly yes/)
    expect(command).toMatch(/--maxmemory \S+/)
  })

  test('PostgreSQL, Redis, S3 and the API are published on loopback only', () => {
    for (const name of ['postgres', 'redis', 'ministack', 'runtime', 'site']) {
      for (const port of compose.services[name].ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/)
    }
  })

  test('ports as designed: site 3000, runtime 3001, S3 4566, PostgreSQL 5432, Redis 6379, LiveKit 7880/7881 and a UDP range', () => {
    const published = services.flatMap(([, service]) => service.ports ?? []).join(' ')
    for (const expected of [
      ':${SITE_PORT:-3000}:3000',
      ':${RUNTIME_PORT:-3001}:3001',
      ':${S3_PORT:-4566}:4566',
      ':${POSTGRES_PORT:-5432}:5432',
      ':${REDIS_PORT:-6379}:6379',
      ':${LIVEKIT_PORT:-7880}:7880',
      '7881:7881/tcp',
    ]) {
      expect(published).toContain(expected)
    }
    expect(published).toMatch(/\b(\d+)-(\d+):\1-\2\/udp/)
  })

  test('MiniStack is the default S3 emulator; LocalStack and Caddy are opt-in profiles', () => {
    expect(compose.services.ministack.image).toContain('ministackorg/ministack')
    expect(compose.services.ministack.profiles).toBeUndefined()
    expect(compose.services.localstack.profiles).toEqual(['localstack'])
    expect(compose.services.caddy.profiles).toEqual(['production'])
  })

  test("Egress shares LiveKit's Redis, may sandbox Chrome, and reads egress.yaml", () => {
    const egress = compose.services.egress
    expect(egress.cap_add).toContain('SYS_ADMIN')
    expect(egress.environment!.REDIS_ADDRESS).toBe('redis:6379')
    expect(readRepoFile('livekit.yaml')).toMatch(/address: redis:6379/)
    expect(egress.volumes).toContain('./egress.yaml:/etc/egress.yaml:ro')
  })

  test("Egress shares LiveKit's network namespace: the media address LiveKit advertises (127.0.0.1 locally) is reachable from it", () => {
    expect(compose.services.egress.network_mode).toBe('service:livekit')
    expect(compose.services.livekit.environment!.NODE_IP).toBe('${LIVEKIT_NODE_IP:-127.0.0.1}')
    expect(compose.services.egress.depends_on!.livekit.condition).toBe('service_healthy')
  })

  test('runtime and site are built from their Dockerfiles and published as meet-runtime / meet-site', () => {
    for (const [name, image] of [
      ['runtime', 'meet-runtime'],
      ['site', 'meet-site'],
    ]) {
      const service = compose.services[name]
      expect(service.image).toBe(`\${IMAGE_REGISTRY:-ghcr.io/meet}/${image}:\${IMAGE_TAG:-local}`)
      expect(service.build).toMatchObject({ context: '.', dockerfile: `${name}/Dockerfile` })
    }
  })

  test('the bucket is created at the first start unless .env says otherwise', () => {
    expect(compose.services.runtime.environment!.S3_CREATE_BUCKET).toMatch(interpolation)
    expect(compose.services.runtime.environment!.S3_CREATE_BUCKET).toContain(':-true')
  })
})
