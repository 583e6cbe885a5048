import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { functionsVersion } from '../../../runtime/routing/reload.ts'
import { loadFunction } from '../../../runtime/routing/load.ts'

const dir = mkdtempSync(join(tmpdir(), 'meet-reload-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the functions folder version (development reload)', () => {
  test('an edit changes it even when the file keeps the same mtime (files synced by docker compose watch keep whole seconds)', async () => {
    const file = join(dir, 'probe.get.ts')
    const second = new Date('2026-11-30T12:00:00Z')
    writeFileSync(file, "export default () => 'first'\n")
    utimesSync(file, second, second)
    const first = await functionsVersion(dir)
    expect((await loadFunction(file, first)).handler({} as never)).toBe('first')
    writeFileSync(file, "export default () => 'edited'\n")
    utimesSync(file, second, second)
    const edited = await functionsVersion(dir)
    expect(edited).not.toBe(first)
    expect((await loadFunction(file, edited)).handler({} as never)).toBe('edited')
  })

  test('it covers every file of the folder, helpers included, and stays put while nothing changes', async () => {
    mkdirSync(join(dir, '_lib'), { recursive: true })
    writeFileSync(join(dir, '_lib', 'word.ts'), "export const word = 'one'\n")
    const before = await functionsVersion(dir)
    expect(await functionsVersion(dir)).toBe(before)
    writeFileSync(join(dir, '_lib', 'word.ts'), "export const word = 'two'\n")
    expect(await functionsVersion(dir)).not.toBe(before)
  })
})
