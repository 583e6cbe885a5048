import { spawnSync } from 'node:child_process'
import type { ComposeService } from '../../../unit/stack/support/stack-files.ts'

export interface HealthCheckRun {
  /** the port the container listens on, and where the native service really is */
  port: { container: number; native: number }
  env?: Record<string, string>
}

/**
 * Runs a service's Compose health check on this machine the way Docker would run it in the
 * container (`CMD` as argv, `CMD-SHELL` through `sh -c`, `$$` unescaped), with the container's
 * port moved to the native service's and `node` being this Node 24. Returns the exit status.
 */
export function runHealthCheck(service: ComposeService, { port, env = {} }: HealthCheckRun): number | null {
  const [kind, ...rest] = service.healthcheck!.test as string[]
  const adapt = (arg: string) => arg.replaceAll('$$', '$').replaceAll(`127.0.0.1:${port.container}`, `127.0.0.1:${port.native}`)
  const argv = kind === 'CMD-SHELL' ? ['sh', '-c', adapt(rest.join(' '))] : rest.map(adapt)
  if (argv[0] === 'node') argv[0] = process.execPath
  const result = spawnSync(argv[0], argv.slice(1), { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8', timeout: 10_000 })
  return result.status
}
