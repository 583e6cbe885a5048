import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { repoRoot } from '../unit/stack/support/stack-files.ts'
import { useContainerEngine } from './support/context.ts'
import { composeStack, serviceStates, type ComposeStack } from './support/compose-stack.ts'
import { docker } from './support/engine.ts'
import { appImage, appImages } from './support/images.ts'

// The VM's operations commands (cdktf/cloud-init/files, installed by cloud-init as
// /usr/local/sbin/meet-*) run against compose.yaml on a real Docker engine: meet-update to a new
// tag, to one whose health check fails (rolled back by itself), and --rollback; meet-watchdog
// restarting a container made unhealthy on purpose; meet-backup / meet-restore of the
// containerised PostgreSQL through the bucket (MiniStack). Only the paths differ from the VM:
// /etc/meet is a scratch folder and meet-env copies the tag into this run's .env.
const engine = useContainerEngine()
const scripts = join(repoRoot, 'cdktf', 'cloud-init', 'files')

describe.skipIf(!engine.host)(`operations on a real Docker engine${engine.missing ? ` (skipped: ${engine.missing})` : ''}`, () => {
  const host = engine.host!
  let stack: ComposeStack
  let etc: string
  let caBundle: string

  const composeCommand = () => stack.command.join(' ')
  const envFile = () => stack.command[stack.command.indexOf('--env-file') + 1]
  const containerOf = (service: string) => serviceStates(stack).find((state) => state.Service === service)!.Name
  const imageOf = (service: string) => docker(host, ['inspect', '--format', '{{.Config.Image}}', containerOf(service)]).stdout.trim()
  const psql = (sql: string) => runIn('postgres', ['sh', '-c', 'psql -v ON_ERROR_STOP=1 -qAt -U "$POSTGRES_USER" -d "$POSTGRES_DB"'], sql)
  function runIn(service: string, command: string[], input?: string) {
    const result = spawnSync(stack.command[0], [...stack.command.slice(1), 'exec', '-T', service, ...command], {
      input,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: host },
    })
    if (result.status !== 0) throw new Error(`${command.join(' ')} in ${service} failed: ${result.stderr}`)
    return result.stdout.trim()
  }
  /** One of the VM's scripts, as root runs it there, with this run's compose command. */
  function vmScript(name: string, args: string[], env: Record<string, string> = {}) {
    const result = spawnSync('bash', [join(scripts, `${name}.sh`), ...args], {
      encoding: 'utf8',
      timeout: 900_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DOCKER_HOST: host,
        MEET_ETC_DIR: etc,
        MEET_COMPOSE: composeCommand(),
        CURL_CA_BUNDLE: caBundle,
        ...env,
      },
    })
    return { code: result.status, output: result.stderr + result.stdout }
  }
  const update = (arg: string) =>
    vmScript('meet-update', [arg], {
      MEET_ENV_CMD: join(etc, 'meet-env'),
      MEET_HEALTH_URL: `${stack.url}/api/health/ready`,
      MEET_UPDATE_TIMEOUT: '240',
      MEET_HEALTH_WAIT_SECONDS: '60',
    })
  const curl = (args: string[]) =>
    spawnSync('curl', ['-sS', '--max-time', '10', ...args], { encoding: 'utf8', env: { ...process.env, CURL_CA_BUNDLE: caBundle } })
  const answersThroughCaddy = () => curl(['-o', '/dev/null', '-w', '%{http_code}', `${stack.url}/api/health/ready`]).stdout
  /** After a restart that `compose start` does not wait for: the status once it answers, or the last one. */
  const answersAgain = async () => {
    for (let i = 0; i < 60 && answersThroughCaddy() !== '200'; i++) await new Promise((resolve) => setTimeout(resolve, 1000))
    return answersThroughCaddy()
  }
  /** What lives in the volumes: a table and a row in PostgreSQL, a key in Redis. */
  const volumeMarks = () => ({ postgres: psql('select note from operations_mark'), redis: runIn('redis', ['redis-cli', 'get', 'operations-mark']) })
  /** Every table of the database, row for row, in a stable order. */
  const everyRow = () => {
    const tables = psql("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")
      .split('\n')
      .filter(Boolean)
    return Object.fromEntries(tables.map((table) => [table, psql(`select t::text from "${table}" t order by 1`)]))
  }
  /** The app images under another tag, as a release would publish them. */
  const tagRelease = (tag: string) => {
    for (const name of ['runtime', 'site', 'caddy'] as const) docker(host, ['tag', appImage(name), `${appImages.registry}/meet-${name}:${tag}`])
  }

  beforeAll(async () => {
    stack = await composeStack({ host, standIns: engine.standIns, project: 'meet-operations' })
    stack.compose(['down', '--volumes', '--remove-orphans'], { allowFailure: true })
    stack.compose(['up', '--detach', '--wait', '--wait-timeout', '420'])
    etc = mkdtempSync(join(tmpdir(), 'meet-operations-etc-'))
    writeFileSync(join(etc, 'deploy.env'), `DOMAIN=localhost\nIMAGE_TAG=${appImages.tag}\n`)
    // meet-env on the VM rewrites /opt/meet/.env from deploy.env; here the tag is what changes.
    writeFileSync(
      join(etc, 'meet-env'),
      `#!/bin/bash\nset -e\ntag=$(sed -n 's/^IMAGE_TAG=//p' "${etc}/deploy.env")\nsed -i "s/^IMAGE_TAG=.*/IMAGE_TAG=$tag/" "${envFile()}"\n`,
    )
    chmodSync(join(etc, 'meet-env'), 0o755)
    // Caddyfile.local's internal CA: curl trusts it as browsers trust the real certificate.
    caBundle = join(etc, 'caddy-root.crt')
    writeFileSync(caBundle, runIn('caddy', ['cat', '/data/caddy/pki/authorities/local/root.crt']))
    psql("create table operations_mark (note text); insert into operations_mark values ('kept across releases')")
    runIn('redis', ['redis-cli', 'set', 'operations-mark', 'kept across releases'])
    tagRelease('v2')
    // A release whose runtime starts but never answers its health check.
    docker(host, ['build', '--tag', `${appImages.registry}/meet-runtime:broken-v3`, '-'], {
      input: `FROM ${appImage('runtime')}\nENTRYPOINT ["/bin/sh", "-c", "exec sleep infinity", "--"]\n`,
    })
    for (const name of ['site', 'caddy'] as const) docker(host, ['tag', appImage(name), `${appImages.registry}/meet-${name}:broken-v3`])
  }, 900_000)

  afterAll(() => {
    if (!stack) return
    const failed = serviceStates(stack).filter((state) => state.Health && state.Health !== 'healthy')
    if (failed.length) console.error(stack.compose(['logs', '--no-color', '--tail', '60'], { allowFailure: true }).stdout)
    stack.remove()
    docker(host, ['rm', '--force', 'meet-operations-sick', 'meet-operations-well'], { allowFailure: true })
    rmSync(etc, { recursive: true, force: true })
  }, 180_000)

  describe('meet-update', () => {
    test('a healthy new tag is taken: the containers run it, Caddy answers, the volumes are kept', () => {
      const result = update('v2')
      expect(result.output).toContain(`[meet-update] now running v2 (previous: ${appImages.tag}; meet-update --rollback returns to it)`)
      expect(result.code).toBe(0)
      expect([imageOf('runtime'), imageOf('site')]).toEqual([`${appImages.registry}/meet-runtime:v2`, `${appImages.registry}/meet-site:v2`])
      expect(answersThroughCaddy()).toBe('200')
      expect(volumeMarks()).toEqual({ postgres: 'kept across releases', redis: 'kept across releases' })
    }, 900_000)

    test('a tag whose health check fails is rolled back by itself, and the previous release answers again', () => {
      const result = update('broken-v3')
      expect(result.code).toBe(1)
      expect(result.output).toContain('[meet-update] broken-v3 did not come up healthy; putting v2 back')
      expect(result.output).toContain('[meet-update] rolled back: running v2 again; broken-v3 was not kept')
      expect(imageOf('runtime')).toBe(`${appImages.registry}/meet-runtime:v2`)
      expect(answersThroughCaddy()).toBe('200')
      expect(readFileSync(join(etc, 'releases'), 'utf8').trim().split('\n')).toEqual([appImages.tag, 'v2'])
      expect(volumeMarks()).toEqual({ postgres: 'kept across releases', redis: 'kept across releases' })
    }, 900_000)

    test('--rollback returns to the release before', () => {
      const result = update('--rollback')
      expect(result.output).toContain(`[meet-update] now running ${appImages.tag} (previous: v2`)
      expect(result.code).toBe(0)
      expect(imageOf('runtime')).toBe(appImage('runtime'))
      expect(answersThroughCaddy()).toBe('200')
      expect(volumeMarks()).toEqual({ postgres: 'kept across releases', redis: 'kept across releases' })
    }, 900_000)
  })

  describe('meet-backup and meet-restore', () => {
    let before: Record<string, string>
    let key: string

    test('meet-backup uploads a custom-format dump of the database to the bucket under backups/', () => {
      // A visitor's session and the meeting they start, as the API stores them (open access).
      const jar = join(etc, 'cookies')
      const json = ['-f', '-b', jar, '-c', jar, '-H', 'content-type: application/json', '-H', `origin: ${stack.url}`]
      const session = curl([...json, '-X', 'PUT', '--data', '{"displayName":"Operator"}', `${stack.url}/api/session`])
      expect(session.status, session.stderr + session.stdout).toBe(0)
      const created = curl([...json, '-X', 'POST', '--data', '{"roomName":"operations-backup"}', `${stack.url}/api/meetings`])
      expect(created.status, created.stderr + created.stdout).toBe(0)
      before = everyRow()
      expect(before.meetings).toContain('operations-backup')
      const result = vmScript('meet-backup', [])
      expect(result.code, result.output).toBe(0)
      key = /\[meet-backup\] uploaded (backups\/\S+)/.exec(result.output)![1]
    }, 300_000)

    test('meet-restore puts the backup back: every table row for row as it was, later writes gone', async () => {
      psql("insert into operations_mark values ('written after the backup'); delete from meetings")
      expect(everyRow()).not.toEqual(before)
      const result = vmScript('meet-restore', [key])
      expect(result.code, result.output).toBe(0)
      expect(result.output).toContain(`[meet-restore] restored ${key}`)
      expect(everyRow()).toEqual(before)
      expect(await answersAgain()).toBe('200')
    }, 300_000)

    test('a truncated dump is refused with a clear message and the current database is left untouched', async () => {
      const dump = join(etc, 'meet.dump')
      // The backup's bytes, cut short as an interrupted copy would leave them.
      const raw = spawnSync(stack.command[0], [...stack.command.slice(1), 'exec', '-T', 'runtime', 'node', 'runtime/backup/main.ts', 'download', key], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: host },
        maxBuffer: 256 * 1024 * 1024,
      }).stdout
      writeFileSync(dump, raw.subarray(0, Math.floor(raw.length * 0.6)))
      psql("insert into operations_mark values ('current')")
      const current = everyRow()
      const result = vmScript('meet-restore', [dump])
      expect(result.code).toBe(1)
      expect(result.output).toMatch(/\[meet-restore\] Refused: .*The database was not touched\./)
      expect(everyRow()).toEqual(current)
      expect(await answersAgain()).toBe('200')
    }, 300_000)
  })

  describe('meet-watchdog', () => {
    test('restarts a container of the stack that stays unhealthy, logs it, and leaves healthy ones alone', async () => {
      const label = 'com.docker.compose.project=meet-operations'
      // Healthy while /tmp/sick is absent; checked every second.
      const health = ['--health-cmd', 'test ! -e /tmp/sick', '--health-interval', '1s', '--health-retries', '1', '--health-timeout', '2s']
      for (const name of ['meet-operations-sick', 'meet-operations-well']) {
        docker(host, ['run', '--detach', '--name', name, '--label', label, ...health, '--entrypoint', 'sleep', appImage('runtime'), 'infinity'])
      }
      const startedAt = (name: string) => docker(host, ['inspect', '--format', '{{.State.StartedAt}}', name]).stdout.trim()
      const healthOf = (name: string) => docker(host, ['inspect', '--format', '{{.State.Health.Status}}', name]).stdout.trim()
      const wellSince = startedAt('meet-operations-well')
      const sickSince = startedAt('meet-operations-sick')
      docker(host, ['exec', 'meet-operations-sick', 'touch', '/tmp/sick'])
      while (healthOf('meet-operations-sick') !== 'unhealthy') await new Promise((resolve) => setTimeout(resolve, 500))
      const state = join(etc, 'watchdog')
      const watchdog = () => vmScript('meet-watchdog', [], { MEET_PROJECT: 'meet-operations', MEET_WATCHDOG_GRACE_SECONDS: '2', MEET_WATCHDOG_STATE: state })
      const first = watchdog()
      expect(first.code, first.output).toBe(0)
      expect(first.output).toContain('[meet-watchdog] meet-operations-sick is unhealthy; restarting it if it still is in 2s')
      expect(startedAt('meet-operations-sick')).toBe(sickSince)
      await new Promise((resolve) => setTimeout(resolve, 3000))
      const second = watchdog()
      expect(second.code, second.output).toBe(0)
      expect(second.output).toMatch(/\[meet-watchdog\] restarting meet-operations-sick: unhealthy for \d+s, \d+ failed health checks in a row/)
      expect(startedAt('meet-operations-sick')).not.toBe(sickSince)
      expect(startedAt('meet-operations-well')).toBe(wellSince)
      // Nothing of compose.yaml's stack was touched.
      for (const service of serviceStates(stack))
        expect({ service: service.Service, health: service.Health }).toEqual({ service: service.Service, health: 'healthy' })
    }, 300_000)
  })
})
