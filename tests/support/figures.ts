import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FIGURES_DIR, type Figure } from '../../scripts/docs/figures.ts'

export type { Figure }

// One file per scenario: test files run in parallel workers, so nobody edits a shared file.
export async function recordFigure(id: string, figure: Figure): Promise<void> {
  await mkdir(FIGURES_DIR, { recursive: true })
  await writeFile(join(FIGURES_DIR, `${id}.json`), JSON.stringify({ id, ...figure, at: new Date().toISOString() }, null, 2) + '\n')
}

/** Counts the requests behind each check of an access scenario, and the checks that failed. */
export function createTally() {
  const tally = {
    requests: 0,
    breaches: 0,
    count(ok: boolean, requests = 1) {
      tally.requests += requests
      if (!ok) tally.breaches++
      return ok
    },
  }
  return tally
}
