import { join } from 'node:path'

// What the test suites measure and the docs generators render: the figures' format and where they
// are written (test-results/, in the repository). The suites write, `npm run docs:*` reads.

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
export const PROBE_CLASSES = [
  'grants',
  're-opened meetings',
  'crashes',
  'body sizes',
  'forwarded addresses',
  'CSRF',
  'health',
  'headers',
  'input rules',
] as const
export type ProbeClass = (typeof PROBE_CLASSES)[number]

const repoRoot = new URL('../../', import.meta.url).pathname

/** One file per reliability scenario (test files run in parallel workers)… */
export const FIGURES_DIR = join('test-results', 'reliability')
/** …merged here at the end of an integration run. */
export const FIGURES_FILE = join('test-results', 'reliability.json')

/** Where the container suite leaves its measurements; `npm run docs:containers` renders them into bench/results. */
export const CONTAINER_FIGURES_DIR = join(repoRoot, 'test-results', 'containers')
