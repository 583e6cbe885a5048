import type { Machine } from '../machine.ts'
import type { ThroughputResult } from '../throughput.ts'
import type { StartupResult } from '../startup.ts'
import type { StackMemoryResult } from '../stack-memory.ts'
import type { WebhookBurstResult } from '../webhooks.ts'
import type { SiteFigures } from '../site.ts'
import type { CapacityResult } from '../capacity.ts'

interface EarlierRun {
  command: string
  startedAt: string
  loadAverage: number[]
  finishedLoad: number[]
  sections: string[]
}

/** Everything one `npm run bench` measured; a section is undefined when left out with --only. */
export interface Results {
  command: string
  startedAt: string
  machine: Machine
  /** load average when the run ended */
  finishedLoad: number[]
  /** server on a core of its own, load generator and services on the other */
  pinned: boolean
  throughput?: ThroughputResult
  startup?: StartupResult
  memory?: StackMemoryResult
  webhooks?: WebhookBurstResult
  site?: SiteFigures
  /** the run the sections a partial run (--only) left out come from */
  earlier?: EarlierRun
  /** measured on its own (`--only capacity`), with its own command, time and load; kept by runs that leave it out */
  capacity?: CapacityResult
}
