import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { loadFunction } from '../../../runtime/routing/load-function.ts'

const dir = mkdtempSync(join(tmpdir(), 'meet-load-function-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('loadFunction (development reload)', () => {
  test('an edit is loaded even when the file keeps the same mtime (files synced by docker compose watch keep whole seconds)', async () => {
    const file = join(dir, 'probe.get.ts')
    const second = new Date('2026-11-30T12:00:00Z')
    writeFileSync(file, "export default () => 'first'\n")
    utimesSync(file, second, second)
    expect((await loadFunction(file)).handler({} as never)).toBe('first')
    writeFileSync(file, "export default () => 'edited'\n")
    utimesSync(file, second, second)
    expect((await loadFunction(file)).handler({} as never)).toBe('edited')
  })
})
