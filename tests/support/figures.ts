import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** One row of docs/reliability.md: a scenario, what it checked, and the figures the run measured. */
export interface Figure {
  area: 'Load' | 'Faults' | 'Hostile input' | 'Access' | 'Probed from outside'
  /** for area 'Probed from outside': the class of attack the scenario tried */
  probe?: ProbeClass
  scenario: string
  checked: string
  requests: number
  /** answers that broke the promise: 5xx where none was allowed, lost connections, stacks */
  errors: number
  rowsLost: number
  /** anything else worth a number: 503s during an outage, 429s, runs */
  notes?: string
}

/** The classes of the outside probe (docs/reliability.md's "Probed from outside" section). */
export const PROBE_CLASSES = ['grants', 're-opened meetings', 'crashes', 'body sizes', 'forwarded addresses', 'CSRF', 'health', 'headers', 'input rules'] as const
type ProbeClass = (typeof PROBE_CLASSES)[number]

export const FIGURES_DIR = join('test-results', 'reliability')

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
