import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { existsSync } from 'node:fs'
import { cp, mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { randomBytes } from 'node:crypto'
import { eventually } from '../../support/eventually.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, runtimeEnv, spawnRuntime, type RunningRuntime } from '../../../native/runtime.ts'

// Function folders live inside the project so their imports ('h3', '#runtime') resolve as in functions/.
async function functionsCopy() {
  const dir = resolve('tests/.tmp', randomBytes(4).toString('hex'), 'functions')
  await mkdir(dir, { recursive: true })
  await cp('functions', dir, { recursive: true })
  return dir
}

describe('file routing in development', () => {
  let runtime: RunningRuntime
  let dir: string

  beforeAll(async () => {
    dir = await functionsCopy()
    runtime = await startRuntime(useServices(), { NODE_ENV: 'development', FUNCTIONS_DIR: dir })
  })
  afterAll(async () => {
    await runtime?.stop()
    await rm(resolve(dir, '..'), { recursive: true, force: true })
  })

  test('the real function set answers at the paths its file names give', async () => {
    expect((await fetch(`${runtime.url}/health/live`)).status).toBe(200)
    expect((await fetch(`${runtime.url}/session`)).status).toBe(200)
    const missing = await fetch(`${runtime.url}/no/such/route`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'not_found', message: 'No route for GET /no/such/route' })
  })

  test('a file added, changed and deleted while running takes effect without a restart', async () => {
    const file = join(dir, 'greetings', '[name].get.ts')
    await mkdir(join(dir, 'greetings'), { recursive: true })
    const body = (word: string) =>
      `import { defineHandler, getRouterParam } from 'h3'\nexport default defineHandler((event) => ({ text: '${word} ' + getRouterParam(event, 'name') }))\n`
    const greet = () => fetch(`${runtime.url}/greetings/ada`).then(async (r) => (r.ok ? ((await r.json()) as { text: string }).text : r.status))

    await writeFile(file, body('hello'))
    expect(await eventually(greet, (v) => v === 'hello ada')).toBe('hello ada')
    await writeFile(file, body('welcome'))
    expect(await eventually(greet, (v) => v === 'welcome ada')).toBe('welcome ada')
    await rm(file)
    expect(await eventually(greet, (v) => v === 404)).toBe(404)
    expect(runtime.process.pid).toBeDefined()
    expect(runtime.process.exitCode).toBeNull()
  })

  test('an edit to a helper in _lib, two imports deep, is seen without a restart; a request running during the swap is answered', async () => {
    // The slow function says when it has started and waits for the test to release it.
    const started = resolve(dir, '..', 'started')
    const release = resolve(dir, '..', 'release')
    await mkdir(join(dir, '_lib', 'deep'), { recursive: true })
    const phrase = (text: string) => `export const phrase = '${text}'\n`
    await writeFile(join(dir, '_lib', 'deep', 'phrase.ts'), phrase('first'))
    await writeFile(join(dir, '_lib', 'word.ts'), `import { phrase } from './deep/phrase.ts'\nexport const word = () => phrase\n`)
    await writeFile(
      join(dir, 'slow-word.get.ts'),
      `import { existsSync, writeFileSync } from 'node:fs'\nimport { setTimeout as sleep } from 'node:timers/promises'\nimport { defineHandler } from 'h3'\nimport { word } from './_lib/word.ts'\n` +
        `export default defineHandler(async () => {\n  writeFileSync(${JSON.stringify(started)}, '')\n  while (!existsSync(${JSON.stringify(release)})) await sleep(20)\n  return { word: word() }\n})\n`,
    )
    // Written last: the first build that serves /word serves /slow-word too.
    await writeFile(
      join(dir, 'word.get.ts'),
      `import { defineHandler } from 'h3'\nimport { word } from './_lib/word.ts'\nexport default defineHandler(() => ({ word: word() }))\n`,
    )
    const word = () => fetch(`${runtime.url}/word`).then(async (r) => (r.ok ? ((await r.json()) as { word: string }).word : r.status))
    expect(await eventually(word, (v) => v === 'first')).toBe('first')

    const running = fetch(`${runtime.url}/slow-word`)
    await eventually(async () => existsSync(started), Boolean)
    expect(existsSync(started)).toBe(true)
    await writeFile(join(dir, '_lib', 'deep', 'phrase.ts'), phrase('second'))
    expect(await eventually(word, (v) => v === 'second')).toBe('second')
    await writeFile(release, '')
    const answer = await running
    expect(answer.status).toBe(200)
    // It ran on the modules it started with, and was answered after the swap.
    expect(await answer.json()).toEqual({ word: 'first' })
  })

  test('files starting with _ are helpers, not routes', async () => {
    await writeFile(join(dir, '_helper.ts'), `export default () => 'not a route'\n`)
    await sleep(500)
    expect((await fetch(`${runtime.url}/_helper`)).status).toBe(404)
  })
})

describe('route conflicts', () => {
  test('two files for the same route and method stop start-up, naming both', async () => {
    const dir = await functionsCopy()
    await writeFile(join(dir, 'dup.get.ts'), `import { defineHandler } from 'h3'\nexport default defineHandler(() => 1)\n`)
    await mkdir(join(dir, 'dup'))
    await writeFile(join(dir, 'dup', 'index.get.ts'), `import { defineHandler } from 'h3'\nexport default defineHandler(() => 2)\n`)
    const runtime = await spawnRuntime(await runtimeEnv(useServices(), { FUNCTIONS_DIR: dir }), { waitReady: false })
    expect(await runtime.exited).toBe(1)
    expect(runtime.output()).toContain('Route conflict: GET /dup is defined by both dup.get.ts and dup/index.get.ts')
    await rm(resolve(dir, '..'), { recursive: true, force: true })
  })
})
