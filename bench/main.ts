// npm run bench [-- --rounds 5 --duration 10 --only throughput,startup]
// Measures the runtime against bare h3 and Express 5 on this machine and writes
// bench/results/results.json and results.md.
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
import { writeResults } from './report/write.ts'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string', default: 'throughput,startup,memory,webhooks,site' },
    out: { type: 'string', default: 'bench/results' },
  },
})
const only = new Set(values.only!.split(','))
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`)

const machine = describeMachine()
const pinned = pinSelf()
log(`${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}; server pinned to its own core: ${pinned}`)
const startedAt = new Date().toISOString()
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
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
  await writeResults(values.out!, { command, startedAt, machine, finishedLoad, pinned, throughput, startup, memory, webhooks, site })
  log(`results written to ${values.out}/results.md and results.json`)
} finally {
  await stack.stop()
}
