import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { beforeAll, describe, expect, test } from 'vitest'
import { readStatus, statusKey, wantedKey, type ReleaseBucket } from '../../../runtime/release/objects.ts'
import { deliverRelease } from '../../../scripts/deploy/release.ts'
import { useServices } from '../../support/services.ts'
import { runtimeEnv } from '../../../native/runtime.ts'
import { ensureBucket, run, type Ran } from './support/backups.ts'

const repoRoot = resolve(import.meta.dirname, '../../..')
const meetRelease = join(repoRoot, 'cdktf/cloud-init/files/meet-release.sh')

// The deploy workflow's release step (scripts/deploy/release.ts) and the VM's meet-release timer
// (cdktf/cloud-init/files/meet-release.sh) meeting in a real bucket (MiniStack). The timer's tick
// is run by hand; the bucket side runs `node runtime/release/main.ts` as the runtime image does
// on the VM. meet-update is a stand-in here (it is run for real on a Docker engine by
// tests/containers/operations.test.ts): it takes any tag but those starting with "broken",
// which it rolls back, printing what meet-update prints.
describe('release delivery through the bucket (deploy workflow ↔ meet-release on the VM)', () => {
  let env: Record<string, string>
  let bucket: ReleaseBucket
  let vm: ReturnType<typeof machine>

  function machine() {
    const etc = mkdtempSync(join(tmpdir(), 'meet-release-'))
    writeFileSync(join(etc, 'deploy.env'), 'DOMAIN=meet.example.org\nIMAGE_TAG=v1\n')
    const update = join(etc, 'meet-update')
    writeFileSync(
      update,
      `#!/bin/bash
echo "$*" >>"${etc}/update-calls"
current=$(sed -n 's/^IMAGE_TAG=//p' "${etc}/deploy.env")
if [[ "$1" == --check ]]; then echo "[meet-update] $current answers https://meet.example.org/api/health/ready" >&2; exit 0; fi
if [[ "$1" == broken* ]]; then
  echo "[meet-update] updating from $current to $1" >&2
  echo "[meet-update] $1 did not come up healthy; putting $current back" >&2
  echo "[meet-update] rolled back: running $current again; $1 was not kept" >&2
  exit 1
fi
sed -i "s/^IMAGE_TAG=.*/IMAGE_TAG=$1/" "${etc}/deploy.env"
echo "[meet-update] now running $1 (previous: $current; meet-update --rollback returns to it)" >&2
`,
    )
    chmodSync(update, 0o755)
    const scriptEnv = {
      ...env,
      MEET_ETC_DIR: etc,
      MEET_RELEASE_OBJECTS: `${process.execPath} ${join(repoRoot, 'runtime/release/main.ts')}`,
      MEET_UPDATE_CMD: update,
      MEET_READY_CMD: 'true',
    }
    return {
      /** One tick of meet-release.timer. */
      tick: () => run('bash', [meetRelease], scriptEnv),
      tag: () => /^IMAGE_TAG=(.*)$/m.exec(readFileSync(join(etc, 'deploy.env'), 'utf8'))![1],
      updates: () => (existsSync(join(etc, 'update-calls')) ? readFileSync(join(etc, 'update-calls'), 'utf8').trim().split('\n') : []),
    }
  }

  /** The workflow's step as it runs there: `node scripts/deploy/release.ts <tag>`. */
  function workflowStep(tag: string, id: string): Promise<Ran> {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts/deploy/release.ts'), tag], {
      env: {
        PATH: process.env.PATH,
        S3_ENDPOINT: env.S3_ENDPOINT,
        S3_BUCKET: env.S3_BUCKET,
        S3_ACCESS_KEY: env.S3_ACCESS_KEY,
        S3_SECRET_KEY: env.S3_SECRET_KEY,
        S3_REGION: env.S3_REGION,
        RELEASE_ID: id,
        RELEASE_POLL_SECONDS: '0.2',
        RELEASE_TIMEOUT_SECONDS: '60',
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    return new Promise((done) => child.on('close', (code) => done({ code: code ?? 1, stdout, stderr })))
  }

  /** Waits until the workflow's request is in the bucket, then lets the VM's timer tick once. */
  async function tickOnceAsked(id: string) {
    for (let i = 0; i < 200; i++) {
      const found = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: wantedKey })).then(
        (o) => o.Body!.transformToString(),
        () => '',
      )
      if (found.includes(`"${id}"`)) return vm.tick()
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`the workflow never asked for ${id}`)
  }

  beforeAll(async () => {
    env = await runtimeEnv(useServices(), { S3_BUCKET: `meet-release-${randomBytes(4).toString('hex')}` })
    const made = await ensureBucket(env)
    bucket = { name: made.name, client: await made.client() }
    vm = machine()
  })

  test('with no release asked for, the timer does nothing', async () => {
    const tick = await vm.tick()
    expect(tick.code).toBe(0)
    expect(vm.updates()).toEqual([])
    expect(await readStatus(bucket)).toBeUndefined()
  })

  test('the workflow asks for a tag; the VM updates to it and the workflow sees it healthy', async () => {
    const step = workflowStep('v2', 'run-1-1')
    const tick = await tickOnceAsked('run-1-1')
    expect(tick.stderr).toContain('[meet-release] release run-1-1 asks for v2 (running v1)')
    const result = await step
    expect(result.stdout).toContain('VM: healthy: [meet-update] now running v2 (previous: v1; meet-update --rollback returns to it)')
    expect(result.stdout).toContain('v2 runs on the VM and answers /api/health/ready through Caddy')
    expect(result.code).toBe(0)
    expect(vm.tag()).toBe('v2')
    expect(await readStatus(bucket)).toMatchObject({ id: 'run-1-1', tag: 'v2', state: 'healthy', running: 'v2' })
  })

  test('a request is carried out once: the next ticks leave it alone', async () => {
    await vm.tick()
    await vm.tick()
    expect(vm.updates()).toEqual(['v2'])
  })

  test('a tag that is rolled back fails the workflow step, which says what runs instead and why', async () => {
    const step = workflowStep('broken-v3', 'run-2-1')
    await tickOnceAsked('run-2-1')
    const result = await step
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('::error::broken-v3 did not come up healthy on the VM; it runs v2.')
    expect(result.stderr).toContain('rolled back: running v2 again; broken-v3 was not kept')
    expect(vm.tag()).toBe('v2')
  })

  test('asking again for the tag that runs checks its health without updating', async () => {
    const step = workflowStep('v2', 'run-2-2')
    await tickOnceAsked('run-2-2')
    const result = await step
    expect(result.code).toBe(0)
    expect(vm.updates().at(-1)).toBe('--check')
  })

  test('when the VM never answers, the workflow step fails and says where to look', async () => {
    const status = await deliverRelease({ bucket, tag: 'v4', id: 'run-3-1', timeoutMs: 600, pollMs: 100 })
    expect(status).toBeUndefined()
    const step = await run(process.execPath, [join(repoRoot, 'scripts/deploy/release.ts'), 'v4'], {
      S3_ENDPOINT: env.S3_ENDPOINT,
      S3_BUCKET: env.S3_BUCKET,
      S3_ACCESS_KEY: env.S3_ACCESS_KEY,
      S3_SECRET_KEY: env.S3_SECRET_KEY,
      RELEASE_ID: 'run-3-2',
      RELEASE_TIMEOUT_SECONDS: '1',
      RELEASE_POLL_SECONDS: '0.2',
    })
    expect(step.code).toBe(1)
    expect(step.stderr).toContain('::error::the VM did not report on v4 within')
    expect(step.stderr).toContain('journalctl -u meet-release')
  })

  test('a malformed request is refused by the VM, naming the field, and nothing is updated', async () => {
    const before = vm.updates()
    await bucket.client.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: wantedKey, Body: JSON.stringify({ id: 'run-4-1', tag: 'v5; rm -rf /', requestedAt: 'now' }) }),
    )
    const tick = await vm.tick()
    expect(tick.code).toBe(1)
    expect(tick.stderr).toContain('release: releases/wanted.json: tag: not an image tag')
    expect(tick.stderr).toContain('[meet-release] could not read the release request from the bucket')
    expect(vm.updates()).toEqual(before)
    expect(vm.tag()).toBe('v2')
    expect(statusKey).toBe('releases/status.json')
  })
})
