// Rewrites results.md from results.json (after a change to the report's wording):
//   node bench/render.ts [bench/results]
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resultsMarkdown } from './report/markdown.ts'

const dir = process.argv[2] ?? 'bench/results'
const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'))
await writeFile(join(dir, 'results.md'), resultsMarkdown(results))
