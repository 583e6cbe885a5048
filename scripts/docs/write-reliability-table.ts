// `npm run docs:reliability`: renders docs/reliability.md from the figures the last test run recorded.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIGURES_DIR } from '../../tests/support/figures.ts'
import { reliabilityMarkdown, type RecordedFigure } from './reliability-table.ts'

const files = readdirSync(FIGURES_DIR).filter((name) => name.endsWith('.json'))
if (files.length === 0) throw new Error(`No figures in ${FIGURES_DIR}: run \`npm test\` first`)
const figures = files.map((name) => JSON.parse(readFileSync(join(FIGURES_DIR, name), 'utf8')) as RecordedFigure)
writeFileSync(join('test-results', 'reliability.json'), JSON.stringify(figures, null, 2) + '\n')
writeFileSync(join('docs', 'reliability.md'), reliabilityMarkdown(figures))
console.log(`docs/reliability.md: ${figures.length} scenarios`)
