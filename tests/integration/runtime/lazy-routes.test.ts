import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cp, mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { eventually } from '../../support/eventually.ts'
import { useServices } from '../../support/services.ts'
import { startRuntime, type RunningRuntime } from '../../../native/runtime.ts'

// Outside development, function modules are imported on first use and warmed after listening:
// start-up reads the folder only. What a user sees must not change, except that a broken file no
// longer stops the whole API: its own route answers 500 and the log names it.
describe('function modules loaded on first use (production and test)', () => {
  let runtime: RunningRuntime
  let dir: string

  beforeAll(async () => {
    dir = resolve('tests/.tmp', randomBytes(4).toString('hex'), 'functions')
    await mkdir(dir, { recursive: true })
    await cp('functions', dir, { recursive: true })
    await writeFile(join(dir, 'broken.get.ts'), `export const handler = () => 'no default export'\n`)
    await writeFile(
      join(dir, 'exempt.post.ts'),
      `import { defineHandler } from 'h3'\nexport const meta = { rateLimit: false, requestBody: 'any' }\nexport default defineHandler(() => ({ exempt: true }))\n`,
    )
    runtime = await startRuntime(useServices(), { FUNCTIONS_DIR: dir, RATE_LIMIT_MAX: '2' })
  })
  afterAll(async () => {
    await runtime?.stop()
    await rm(resolve(dir, '..'), { recursive: true, force: true })
  })

  test('the other routes answer; the broken one answers 500 with a reference; the log names the file', async () => {
    const live = await fetch(`${runtime.url}/health/live`)
    expect(live.status).toBe(200)
    const broken = await fetch(`${runtime.url}/broken`)
    expect(broken.status).toBe(500)
    expect((await broken.json()).message).toMatch(/^Internal error; reference /)
    await eventually(
      async () => runtime.output(),
      (output) => /Function broken\.get\.ts failed to load/.test(output),
    )
  })

  test("a function's meta applies from its very first request: tier and body rule", async () => {
    // Not rate-limited and not JSON-only, though RATE_LIMIT_MAX is 2 and the body is plain text.
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${runtime.url}/exempt`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-forwarded-for': '10.9.9.9' },
        body: 'hello',
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('ratelimit-limit')).toBeNull()
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})
