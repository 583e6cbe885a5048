// npm run bench [-- --rounds 5 --duration 10 --only throughput,startup]
// Measures the runtime against bare h3 and Express 5 on this machine and writes
// bench/results/results.json and results.md.
// npm run bench -- --only capacity [--capacity-max 8]: how many meeting participants one
// livekit-server core carries (about ten minutes for the whole ramp, so not in the default set).
import { parseArgs } from 'node:util'
import { describeMachine } from './machine.ts'
import { pinSelf } from './pin.ts'
import { startBenchStack } from './stack.ts'
import { benchApps } from './apps.ts'
import { createFixtures } from './fixtures.ts'
import { benchRoutes, measureThroughput } from './throughput.ts'
import { measureStartup } from './startup.ts'
import { measureStackMemory } from './stack-memory.ts'
import { measureWebhookBurst } from './webhooks.ts'
import { readPageWeight } from './site.ts'
import { measureFirstRender } from './first-render.ts'
import { measureCapacity } from './capacity.ts'
import { readResults, writeResults } from './report/write.ts'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string', default: 'throughput,startup,memory,webhooks,site' },
    out: { type: 'string', default: 'bench/results' },
    'capacity-max': { type: 'string', default: '100' },
    'capacity-window': { type: 'string', default: '10' },
  },
})
const only = new Set(values.only!.split(','))
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`)

const machine = describeMachine()
const pinned = pinSelf()
log(`${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}; server pinned to its own core: ${pinned}`)
const startedAt = new Date().toISOString()
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
const previous = await readResults(values.out!)
const capacity = only.has('capacity') ? await measureCapacity(capacitySettings(), command, log) : previous?.capacity
if (only.size === 1 && only.has('capacity')) {
  // A capacity run replaces that section only; the rest stays as the last full run left it.
  if (!previous) throw new Error(`--only capacity updates ${values.out}/results.json: run the default set once first`)
  await writeResults(values.out!, { ...previous, capacity })
} else {
  await measureRuntime()
}
log(`results written to ${values.out}/results.md and results.json`)

async function measureRuntime() {
  const stack = await startBenchStack()
  try {
    const { apps, env } = await benchApps(stack.services)
    const runtime = await apps[0].start()
    const fixtures = await createFixtures(runtime.url)
    await runtime.stop()
    const settings = { connections: Number(values.connections), durationSeconds: Number(values.duration), warmupSeconds: 2, rounds: Number(values.rounds) }
    const throughput = only.has('throughput') ? await measureThroughput(apps, benchRoutes(fixtures), settings, log) : undefined
    const startup = only.has('startup') ? await measureStartup(env, log) : undefined
    const memory = only.has('memory') ? await measureStackMemory(apps[0], benchRoutes(fixtures)['POST /token'], log) : undefined
    const webhooks = only.has('webhooks') ? await measureWebhookBurst(apps[0], env, log) : undefined
    const site = only.has('site') ? { pageWeight: await readPageWeight(), firstRender: await measureFirstRender(apps[0], log) } : undefined
    const finishedLoad = describeMachine().loadAverage
    // capacity is measured on its own schedule: a run without it keeps the last one; so does a
    // partial run (--only) for the sections it skipped (results.md says when each was measured)
    const keptSections = (['throughput', 'startup', 'memory', 'webhooks', 'site'] as const).filter((section) => !only.has(section) && previous?.[section])
    // Where the kept sections were measured: the previous run, or the run it had kept them from.
    const fromEarlier = previous?.earlier && keptSections.every((section) => previous.earlier!.sections.includes(section))
    const earlier =
      keptSections.length && previous
        ? {
            ...(fromEarlier
              ? previous.earlier!
              : { command: previous.command, startedAt: previous.startedAt, loadAverage: previous.machine.loadAverage, finishedLoad: previous.finishedLoad }),
            sections: [...keptSections],
          }
        : undefined
    const kept = <K extends 'throughput' | 'startup' | 'memory' | 'webhooks' | 'site'>(section: K) => (only.has(section) ? undefined : previous?.[section])
    await writeResults(values.out!, {
      command,
      startedAt,
      machine,
      finishedLoad,
      pinned,
      capacity,
      earlier,
      throughput: throughput ?? kept('throughput'),
      startup: startup ?? kept('startup'),
      memory: memory ?? kept('memory'),
      webhooks: webhooks ?? kept('webhooks'),
      site: site ?? kept('site'),
    })
  } finally {
    await stack.stop()
  }
}

function capacitySettings() {
  const max = Number(values['capacity-max'])
  const upTo = (sizes: number[]) => sizes.filter((n) => n <= max)
  return {
    ramps: { audio: upTo([2, 4, 6, 8, 12, 16, 20, 25, 30, 40, 50, 60]), video: upTo([2, 3, 4, 6, 8, 10, 12, 16, 20, 25, 30]) },
    settleSeconds: 3,
    windowSeconds: Number(values['capacity-window']),
    lossThresholdPercent: 2,
    cpuThreshold: 0.9,
  }
}
