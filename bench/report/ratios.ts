import type { AppName } from '../apps.ts'
import type { RouteName, ThroughputResult } from '../throughput.ts'
import { round } from '../stats.ts'

/** runtime's median req/s over `other`'s, per route. */
export function ratio(t: ThroughputResult, route: RouteName, other: AppName): number {
  return round(t.apps.runtime.routes[route].requestsPerSecond.median / t.apps[other].routes[route].requestsPerSecond.median)
}

/** `other`'s median CPU per request over the runtime's: the throughput ratio a CPU-bound server would reach. */
export function cpuRatio(t: ThroughputResult, route: RouteName, other: AppName): number {
  return round(t.apps[other].routes[route].cpuMicrosPerRequest.median / t.apps.runtime.routes[route].cpuMicrosPerRequest.median)
}

/** The runtime's median CPU per request over `other`'s: how many times `other`'s work the runtime spends. */
export function cpuTimes(t: ThroughputResult, route: RouteName, other: AppName): number {
  return round(t.apps.runtime.routes[route].cpuMicrosPerRequest.median / t.apps[other].routes[route].cpuMicrosPerRequest.median)
}

/** The runtime's CPU per request over `other`'s in each round (rounds run app after app, so each pair is close in time). */
export function pairedCpuTimes(t: ThroughputResult, route: RouteName, other: AppName): number[] {
  const theirs = t.apps[other].routes[route].rounds
  return t.apps.runtime.routes[route].rounds.map((one, i) => round(one.cpuMicrosPerRequest / theirs[i]!.cpuMicrosPerRequest))
}
