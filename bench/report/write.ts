import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Results } from './results.ts'
import { resultsMarkdown } from './markdown.ts'

export async function writeResults(dir: string, results: Results): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n')
  await writeFile(join(dir, 'results.md'), resultsMarkdown(results))
}
