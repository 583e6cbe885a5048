import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONTAINER_FIGURES_DIR } from '../../../scripts/docs/figures.ts'

export function writeContainerFigure(name: 'images' | 'arm64', figure: Record<string, unknown>) {
  mkdirSync(CONTAINER_FIGURES_DIR, { recursive: true })
  writeFileSync(join(CONTAINER_FIGURES_DIR, `${name}.json`), `${JSON.stringify({ measuredAt: new Date().toISOString(), ...figure }, null, 2)}\n`)
}
