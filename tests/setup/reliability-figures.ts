import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FIGURES_DIR } from '../support/figures.ts'

export const FIGURES_FILE = join('test-results', 'reliability.json')

/**
 * Figures from this run only: the reliability tests write one file per scenario (they run in
 * parallel workers); at the end they are merged into test-results/reliability.json, which
 * `npm run docs:reliability` renders as docs/reliability.md.
 */
export default async function setup() {
  await rm(FIGURES_DIR, { recursive: true, force: true })
  return async () => {
    const names = await readdir(FIGURES_DIR).catch(() => [] as string[])
    if (names.length === 0) return
    const figures = await Promise.all(names.filter((n) => n.endsWith('.json')).sort().map(async (n) => JSON.parse(await readFile(join(FIGURES_DIR, n), 'utf8'))))
    await mkdir('test-results', { recursive: true })
    await writeFile(FIGURES_FILE, JSON.stringify(figures, null, 2) + '\n')
  }
}
