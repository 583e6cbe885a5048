import { startServices, type ServiceUrls } from '../native/services.ts'

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
