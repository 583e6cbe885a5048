import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { TestProject } from 'vitest/node'

// The container suite's global setup when there is no Docker engine: CI fails, elsewhere the
// suite is skipped with the reason, and CI's test job skips it on purpose (the containers job runs it).
const saved = { ...process.env }
const provided = new Map<string, unknown>()
const project = { provide: (key: string, value: unknown) => provided.set(key, value) } as unknown as TestProject

async function runSetup(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  vi.resetModules()
  const { default: setup } = await import('../../setup/containers.ts')
  return setup(project)
}

describe('container suite without a Docker engine', () => {
  beforeEach(() => {
    provided.clear()
    process.env.MEET_CACHE_DIR = mkdtempSync(join(tmpdir(), 'meet-cache-'))
  })
  afterEach(() => {
    process.env = { ...saved }
  })
  const noEngine = { DOCKERD_BIN: '/nonexistent/dockerd', MEET_DOCKER_HOST: undefined, MEET_CONTAINER_STACK_ELSEWHERE: undefined }

  test('in CI the run fails, naming what to install', async () => {
    await expect(runSetup({ ...noEngine, CI: 'true' })).rejects.toThrow(/dockerd \(\/nonexistent\/dockerd\) is not installed: apt-get install -y docker.io/)
    expect(provided.size).toBe(0)
  })

  test('elsewhere the suite is skipped with the reason', async () => {
    await runSetup({ ...noEngine, CI: undefined })
    expect(provided.get('containerEngine')).toEqual({ standIns: true, missing: expect.stringContaining('dockerd (/nonexistent/dockerd) is not installed') })
  })

  test("CI's test job hands the stack to the containers job on purpose", async () => {
    await runSetup({ ...noEngine, CI: 'true', MEET_CONTAINER_STACK_ELSEWHERE: 'the CI containers job' })
    expect(provided.get('containerEngine')).toEqual({ standIns: true, missing: 'the compose stack runs in the CI containers job' })
  })
})
