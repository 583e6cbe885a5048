import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Results } from './results.ts'
import { resultsMarkdown } from './markdown.ts'

export async function writeResults(dir: string, results: Results): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n')
  await writeFile(join(dir, 'results.md'), resultsMarkdown(results))
}

/** The results.json a previous run left, if any. */
export async function readResults(dir: string): Promise<Results | undefined> {
  return readFile(join(dir, 'results.json'), 'utf8').then(JSON.parse, () => undefined)
}
