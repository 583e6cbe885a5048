import { freePort } from '../native/free-port.ts'
import { startRuntime, type RunningRuntime } from '../native/runtime.ts'
import { startServices, type ServiceUrls } from '../native/services.ts'
import { ensureSiteBuilt, startSite, type RunningSite } from '../native/site.ts'

export interface BenchStack {
  services: ServiceUrls
  stop(): Promise<void>
}

/** The real services the runtime needs, started once for the whole benchmark run. */
export async function startBenchStack(): Promise<BenchStack> {
  // No append-only file: the benchmark measures the apps, not Redis's disk.
  const { urls, stop } = await startServices({
    name: 'meet-bench',
    keys: { key: 'meet-bench', secret: 'meet-bench-secret-at-least-32-characters' },
    redisAppendonly: false,
  })
  return { services: urls, stop }
}

/** The built site in front of a runtime on the bench services, as people reach it; each one's stop goes into `stops`. */
export async function startBenchSite(stack: BenchStack, stops: Array<() => Promise<void>>): Promise<{ runtime: RunningRuntime; site: RunningSite }> {
  await ensureSiteBuilt()
  const sitePort = await freePort()
  const runtime = await startRuntime(stack.services, { PUBLIC_URL: `http://127.0.0.1:${sitePort}` })
  stops.push(async () => void (await runtime.stop()))
  const site = await startSite(runtime, sitePort)
  stops.push(async () => void (await site.stop()))
  return { runtime, site }
}
