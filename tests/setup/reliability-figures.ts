import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FIGURES_DIR, FIGURES_FILE } from '../../scripts/docs/figures.ts'

/**
 * The reliability tests write one file per scenario (they run in parallel workers); at the end of
 * an integration run they are merged into test-results/reliability.json, which
 * `npm run docs:reliability` renders as docs/reliability.md. A run of some files only refreshes
 * their scenarios: every figure carries the time it was measured.
 */
export default function setup() {
  return async () => {
    const names = (await readdir(FIGURES_DIR).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort()
    if (names.length === 0) return
    const figures = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(FIGURES_DIR, name), 'utf8'))))
    await mkdir('test-results', { recursive: true })
    await writeFile(FIGURES_FILE, JSON.stringify(figures, null, 2) + '\n')
  }
}
