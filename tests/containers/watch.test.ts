import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { eventually } from '../support/eventually.ts'
import { repoRoot } from '../unit/stack/support/stack-files.ts'
import { useContainerEngine } from './support/context.ts'
import { composeStack, serviceStates, type ComposeStack } from './support/compose-stack.ts'
import { docker } from './support/engine.ts'
import { appImage, buildAppImages } from './support/images.ts'

// `docker compose up --watch` with BUILD_TARGET=dev, as compose.yaml's `develop.watch` describes:
// a function file edited on the host reaches the runtime container and is served without a
// rebuild or a restart. It runs on a copy of the project, so the test's edits never touch the
// repository.
const engine = useContainerEngine()

describe.skipIf(!engine.host)('docker compose up --watch (BUILD_TARGET=dev)', () => {
  const host = engine.host!
  const projectDir = mkdtempSync(join(tmpdir(), 'meet-watch-'))
  let stack: ComposeStack
  let watcher: ChildProcess
  let output = ''
  const probe = join(projectDir, 'functions', 'watch-probe.get.ts')
  const writeProbe = (answer: string) =>
    writeFileSync(probe, `import { defineHandler } from 'h3'\n\nexport default defineHandler(() => ({ answer: '${answer}' }))\n`)
  const runtimeContainer = () => serviceStates(stack).find((state) => state.Service === 'runtime')!.Name
  const started = () => docker(host, ['inspect', '--format', '{{.Image}} {{.State.StartedAt}}', runtimeContainer()]).stdout.trim()
  const answer = async () => {
    const response = await fetch(`${stack.runtimeUrl}/watch-probe`).catch(() => undefined)
    return response?.ok ? ((await response.json()) as { answer: string }).answer : `status ${response?.status}`
  }

  beforeAll(async () => {
    for (const entry of ['compose.yaml', 'livekit.yaml', 'egress.yaml', 'package.json', 'package-lock.json', 'functions', 'runtime', 'site/package.json']) {
      cpSync(join(repoRoot, entry), join(projectDir, entry), { recursive: true, filter: (source) => !source.includes('node_modules') })
    }
    buildAppImages(host, { standIns: engine.standIns, target: 'dev', names: ['runtime'] })
    stack = await composeStack({
      host,
      standIns: engine.standIns,
      project: 'meet-watch',
      projectDir,
      env: { BUILD_TARGET: 'dev', CONTAINER_NODE_ENV: 'development', IMAGE_TAG: appImage('runtime', 'dev').split(':')[1] },
    })
    stack.compose(['down', '--volumes', '--remove-orphans'], { allowFailure: true })
    const [command, ...args] = stack.command
    watcher = spawn(command, [...args, 'up', '--watch', 'runtime'], {
      cwd: projectDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: host },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    watcher.stdout!.on('data', (chunk) => (output += chunk))
    watcher.stderr!.on('data', (chunk) => (output += chunk))
    const runtimeHealth = async () => {
      await sleep(2_000)
      return serviceStates(stack).find((state) => state.Service === 'runtime')?.Health
    }
    await eventually(runtimeHealth, (health) => health === 'healthy' || watcher.exitCode !== null, 420_000)
    if (watcher.exitCode !== null) throw new Error(`docker compose up --watch exited (${watcher.exitCode}):\n${output.slice(-4000)}`)
  }, 600_000)

  afterAll(async () => {
    watcher?.kill('SIGINT')
    await new Promise((resolve) => (watcher?.exitCode === null ? watcher.once('exit', resolve) : resolve(undefined)))
    stack?.remove()
    rmSync(projectDir, { recursive: true, force: true })
  }, 180_000)

  test('a new function file is served, then its edit, without rebuilding or restarting the container', async () => {
    const before = started()
    expect(await answer()).toBe('status 404')
    writeProbe('first')
    expect(await eventually(answer, (value) => value === 'first', 60_000)).toBe('first')
    writeProbe('edited')
    expect(await eventually(answer, (value) => value === 'edited', 60_000)).toBe('edited')
    // Same image, same start: synced and reloaded by the runtime, not rebuilt or restarted.
    expect(started()).toBe(before)
    expect(docker(host, ['image', 'inspect', '--format', '{{.Id}}', appImage('runtime', 'dev')]).stdout.trim()).toBe(before.split(' ')[0])
  }, 180_000)
})
