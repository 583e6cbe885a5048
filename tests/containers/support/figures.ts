import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'

/** Where the container suite leaves its measurements; `npm run docs:containers` renders them into bench/results. */
export const CONTAINER_FIGURES_DIR = join(repoRoot, 'test-results', 'containers')

export function writeContainerFigure(name: 'images' | 'arm64', figure: Record<string, unknown>) {
  mkdirSync(CONTAINER_FIGURES_DIR, { recursive: true })
  writeFileSync(join(CONTAINER_FIGURES_DIR, `${name}.json`), `${JSON.stringify({ measuredAt: new Date().toISOString(), ...figure }, null, 2)}\n`)
}
