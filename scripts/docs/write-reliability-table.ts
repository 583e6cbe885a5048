// `npm run docs:reliability`: renders docs/reliability.md from the figures the last test run merged.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { FIGURES_FILE } from './figures.ts'
import { reliabilityMarkdown, type RecordedFigure } from './reliability-table.ts'

if (!existsSync(FIGURES_FILE)) throw new Error(`No ${FIGURES_FILE}: run \`npm test\` first`)
const figures = JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as RecordedFigure[]
writeFileSync('docs/reliability.md', reliabilityMarkdown(figures))
console.log(`docs/reliability.md: ${figures.length} scenarios`)
